package dev.strangler.gateway.observability;

import dev.strangler.gateway.errors.GatewayProblems;
import dev.strangler.gateway.routing.Capability;
import dev.strangler.gateway.routing.RoutingAttributes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id (kept from the client when well-formed) that travels to the backend and back,
 * names who answered in {@code X-Served-By}, writes one access-log line and counts the request by capability,
 * operation, backend and outcome. It wraps everything else, so that answers the gateway makes itself (a problem, a
 * rate limit) are tracked the same way.
 */
@Component
class RequestTracking implements WebFilter, Ordered {

    static final String REQUEST_ID = "X-Request-Id";
    static final String SERVED_BY = "X-Served-By";
    /** What the access log says for a request the client abandoned (nginx's "client closed request"). */
    static final int CLIENT_CLOSED = 499;

    private static final Logger accessLog = LoggerFactory.getLogger("strangler.access");
    private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final MeterRegistry meters;
    private final GatewayProblems problems;
    private final Map<RequestKind, Counter> counters = new ConcurrentHashMap<>();

    RequestTracking(MeterRegistry meters, GatewayProblems problems) {
        this.meters = meters;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        String requestId = requestIdOf(exchange);
        ServerWebExchange tracked = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(REQUEST_ID, requestId)))
                .build();
        tracked.getResponse().getHeaders().set(REQUEST_ID, requestId);
        tracked.getResponse().beforeCommit(() -> {
            tracked.getResponse().getHeaders().set(SERVED_BY, RoutingAttributes.servedBy(tracked));
            tracked.getResponse().getHeaders().set(REQUEST_ID, requestId);
            return Mono.empty();
        });
        return chain.filter(tracked)
                .onErrorResume(failure -> {
                    tracked.getAttributes().put(RoutingAttributes.SERVED_BY, RoutingAttributes.GATEWAY);
                    return problems.handle(tracked, failure);
                })
                .doFinally(signal -> record(tracked, requestId, start, signal == SignalType.CANCEL));
    }

    private static String requestIdOf(ServerWebExchange exchange) {
        String offered = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
        return offered != null && WELL_FORMED_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    private void record(ServerWebExchange exchange, String requestId, long start, boolean abandoned) {
        var request = exchange.getRequest();
        String path = request.getPath().value();
        Capability capability = Capability.of(path);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        // A client that went away got no answer, whatever status had been set so far.
        int code = abandoned ? CLIENT_CLOSED : status == null ? 0 : status.value();
        String backend = RoutingAttributes.servedBy(exchange);
        String fallback = exchange.getAttribute(RoutingAttributes.FALLBACK);
        String operation = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                ? "read" : "write";
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        accessLog.info("{} {} capability={} backend={}{} status={} duration_ms={} request_id={}", request.getMethod(),
                path, capability.label(), backend, fallback == null ? "" : " fallback=" + fallback, code,
                String.format(Locale.ROOT, "%.1f", millis), requestId);
        if (path.startsWith("/admin/")) {
            return;
        }
        // Registering a meter on every request is measurable in the gateway's throughput: one counter per kind.
        counters.computeIfAbsent(new RequestKind(capability, operation, backend, outcome(code)), kind ->
                        Counter.builder("strangler.requests")
                                .description("Requests through the facade, by capability, operation, backend and outcome")
                                .tag("capability", kind.capability().label())
                                .tag("operation", kind.operation())
                                .tag("backend", kind.backend())
                                .tag("outcome", kind.outcome())
                                .register(meters))
                .increment();
    }

    private record RequestKind(Capability capability, String operation, String backend, String outcome) {
    }

    private static String outcome(int status) {
        if (status == CLIENT_CLOSED) {
            return "cancelled";
        }
        if (status >= 500 || status == 0) {
            return "server_error";
        }
        return status >= 400 ? "client_error" : "success";
    }
}
