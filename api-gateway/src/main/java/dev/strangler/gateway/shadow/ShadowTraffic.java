package dev.strangler.gateway.shadow;

import dev.strangler.gateway.routing.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.util.function.Tuple2;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a copy of a SHADOW read to the service, off the client's path: the copy starts alongside the monolith's
 * request on its own connection pool, the client gets the monolith's answer without waiting for it, and the two
 * answers are compared when both are in. At most {@code max-in-flight} copies are open; beyond that a copy is
 * dropped and counted, so that shadowing can never pile up behind a slow service.
 */
public class ShadowTraffic {

    /** Marks a copy, so that the service can tell it from a client's request in its logs. */
    public static final String SHADOW_HEADER = "X-Strangler-Shadow";

    private static final Logger log = LoggerFactory.getLogger(ShadowTraffic.class);
    private static final String REQUEST_ID = "X-Request-Id";

    private final WebClient client;
    private final ShadowReports reports;
    private final Comparison comparison;
    private final Semaphore inFlight;
    private final Duration timeout;
    private final Duration primaryWait;
    private final int maxBodyBytes;

    ShadowTraffic(WebClient client, ShadowReports reports, Comparison comparison, ShadowProperties properties,
                  Duration primaryWait) {
        this.client = client;
        this.reports = reports;
        this.comparison = comparison;
        this.inFlight = new Semaphore(properties.maxInFlight());
        this.timeout = properties.timeout();
        this.primaryWait = primaryWait;
        this.maxBodyBytes = (int) properties.maxBodySize().toBytes();
    }

    /**
     * Starts the copy of a read to {@code service} and returns the exchange to continue with, whose response keeps a
     * copy of the monolith's body. Call {@link Mirror#primaryFinished} when the client's response is done.
     */
    public Mirror mirror(ServerWebExchange exchange, Capability capability, String service) {
        if (!inFlight.tryAcquire()) {
            reports.count(capability, ShadowReports.Result.DROPPED);
            return new Mirror(exchange, null, null);
        }
        var captured = new CapturedResponse(exchange.getResponse(), maxBodyBytes);
        Sinks.One<Answer> primary = Sinks.one();
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        String requestId = request.getHeaders().getFirst(REQUEST_ID);
        Instant at = Instant.now();
        Mono.zip(primary.asMono(), copy(request, service, path, requestId))
                .timeout(timeout.plus(primaryWait))
                .doFinally(signal -> inFlight.release())
                .subscribe(
                        answers -> compare(capability, request.getMethod().name(), path, requestId, at, answers),
                        failure -> reports.count(capability, ShadowReports.Result.SKIPPED));
        return new Mirror(exchange.mutate().response(captured).build(), captured, primary);
    }

    private Mono<Answer> copy(ServerHttpRequest request, String service, String path, String requestId) {
        return client.method(request.getMethod())
                .uri(URI.create("http://" + service + path))
                .headers(headers -> {
                    copyHeader(request.getHeaders(), headers, HttpHeaders.ACCEPT);
                    copyHeader(request.getHeaders(), headers, HttpHeaders.ACCEPT_LANGUAGE);
                    if (requestId != null) {
                        headers.set(REQUEST_ID, requestId);
                    }
                    headers.set(SHADOW_HEADER, "true");
                })
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(body -> Answer.of(statusOf(response.statusCode()), body)))
                .timeout(timeout)
                .onErrorResume(failure -> Mono.just(Answer.missing(failure.toString())));
    }

    private void compare(Capability capability, String method, String path, String requestId, Instant at,
                         Tuple2<Answer, Answer> answers) {
        Answer monolith = answers.getT1();
        Answer service = answers.getT2();
        if (monolith.missing()) {
            reports.count(capability, ShadowReports.Result.SKIPPED);
        }
        else if (service.missing()) {
            log.debug("Shadow {} {} to {} got no answer: {}", method, path, capability.service(), service.problem());
            reports.count(capability, ShadowReports.Result.ERROR);
        }
        else if (comparison.same(monolith, service)) {
            reports.count(capability, ShadowReports.Result.MATCH);
        }
        else {
            log.info("Shadow mismatch on {} {} (request {}): monolith {} vs {} {}", method, path, requestId,
                    monolith.status(), capability.service(), service.status());
            reports.mismatch(capability, new ShadowReports.Mismatch(at, method, path, requestId,
                    reports.side(monolith), reports.side(service)));
        }
    }

    private static void copyHeader(HttpHeaders from, HttpHeaders to, String name) {
        String value = from.getFirst(name);
        if (value != null) {
            to.set(name, value);
        }
    }

    private static int statusOf(HttpStatusCode status) {
        return status.value();
    }

    /**
     * A read in flight to the monolith while its copy is in flight to the service.
     */
    public static final class Mirror {

        private final ServerWebExchange exchange;
        private final CapturedResponse captured;
        private final Sinks.One<Answer> primary;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Mirror(ServerWebExchange exchange, CapturedResponse captured, Sinks.One<Answer> primary) {
            this.exchange = exchange;
            this.captured = captured;
            this.primary = primary;
        }

        /** The exchange to pass down the chain. */
        public ServerWebExchange exchange() {
            return exchange;
        }

        /** Hands the monolith's answer to the comparison once the client's response has been written. */
        public void primaryFinished(SignalType signal) {
            if (primary == null || !finished.compareAndSet(false, true)) {
                return;
            }
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            byte[] body = captured.body();
            if (signal != SignalType.ON_COMPLETE || status == null) {
                primary.tryEmitValue(Answer.missing("the monolith's response ended with " + signal));
            }
            else if (body == null) {
                primary.tryEmitValue(Answer.missing("the monolith's answer was too large or streamed"));
            }
            else {
                primary.tryEmitValue(Answer.of(status.value(), body));
            }
        }
    }
}
