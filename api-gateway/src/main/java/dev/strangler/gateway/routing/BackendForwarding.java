package dev.strangler.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Sends a request of a migration route to the backend its decision names, through that backend's circuit breaker.
 * A service read that fails, times out, answers 5xx or meets an open circuit is answered by the monolith instead;
 * writes are never retried and never sent to a second backend.
 *
 * <p>It runs after the route's URL is set and before the load balancer resolves it. Spring Cloud Gateway writes the
 * response body only after the whole chain has completed, so a failed service answer can still be discarded.
 */
final class BackendForwarding implements GatewayFilter, Ordered {

    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private final Backends backends;
    private final long serviceReadTimeoutMillis;
    private final Map<String, ServiceReadRoute> serviceReadRoutes = new ConcurrentHashMap<>();

    BackendForwarding(Backends backends, Duration serviceReadTimeout) {
        this.backends = backends;
        this.serviceReadTimeoutMillis = serviceReadTimeout.toMillis();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        RouteDecision decision = exchange.getAttribute(RoutingAttributes.DECISION);
        if (decision == null) {
            return chain.filter(exchange);
        }
        if (decision.refusal() != null) {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, decision.refusal()));
        }
        if (decision.fallBackToMonolith()) {
            return readWithFallback(exchange, chain, decision);
        }
        return forward(exchange, chain, decision.backend(), decision.read());
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, String backend, boolean read) {
        CircuitBreaker breaker = backends.breaker(backend);
        if (!breaker.tryAcquirePermission()) {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, backend
                    + " is failing and its circuit breaker is open, so the request was not sent"
                    + (read ? "" : "; nothing was changed")));
        }
        pointAt(exchange, backend);
        long start = System.nanoTime();
        return chain.filter(exchange)
                .doOnSuccess(done -> Backends.record(breaker, start, statusOf(exchange)))
                .doOnError(failure -> Backends.record(breaker, start, failure))
                .doOnCancel(breaker::releasePermission);
    }

    private Mono<Void> readWithFallback(ServerWebExchange exchange, GatewayFilterChain chain, RouteDecision decision) {
        CircuitBreaker breaker = backends.breaker(decision.backend());
        if (!breaker.tryAcquirePermission()) {
            return fallBack(exchange, chain, decision, "circuit_open");
        }
        pointAt(exchange, decision.backend());
        Route route = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, serviceReadRoute(route));
        long start = System.nanoTime();
        return chain.filter(exchange)
                .then(Mono.fromSupplier(() -> statusOf(exchange)))
                .map(status -> {
                    Backends.record(breaker, start, status);
                    return status >= 500 ? "server_error" : "";
                })
                .onErrorResume(failure -> {
                    Backends.record(breaker, start, failure);
                    return Mono.just(reasonFor(failure));
                })
                .flatMap(reason -> {
                    if (reason.isEmpty()) {
                        return Mono.<Void>empty();
                    }
                    exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
                    return fallBack(exchange, chain, decision, reason);
                });
    }

    /**
     * The route with the service-read timeout as its response timeout: Spring Cloud Gateway then applies the shorter
     * timeout itself, instead of a second timer around its own on every service read.
     */
    private Route serviceReadRoute(Route route) {
        ServiceReadRoute known = serviceReadRoutes.get(route.getId());
        if (known != null && known.original() == route) {
            return known.shortened();
        }
        Route shortened = Route.async()
                .id(route.getId())
                .uri(route.getUri())
                .order(route.getOrder())
                .asyncPredicate(route.getPredicate())
                .replaceFilters(route.getFilters())
                .metadata(route.getMetadata())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, serviceReadTimeoutMillis)
                .build();
        serviceReadRoutes.put(route.getId(), new ServiceReadRoute(route, shortened));
        return shortened;
    }

    private record ServiceReadRoute(Route original, Route shortened) {
    }

    private Mono<Void> fallBack(ServerWebExchange exchange, GatewayFilterChain chain, RouteDecision decision,
                                String reason) {
        backends.countFallback(decision.capability(), reason);
        exchange.getAttributes().put(RoutingAttributes.FALLBACK, reason);
        // Drops the service's connection, its response headers and the "already routed" mark, as a retry would.
        ServerWebExchangeUtils.reset(exchange);
        return forward(exchange, chain, RouteDecision.MONOLITH, true);
    }

    private static void pointAt(ServerWebExchange exchange, String backend) {
        URI incoming = exchange.getRequest().getURI();
        URI target = UriComponentsBuilder.fromUri(incoming).scheme("lb").host(backend).port(-1)
                .build(ServerWebExchangeUtils.containsEncodedParts(incoming)).toUri();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
        exchange.getAttributes().put(RoutingAttributes.SERVED_BY, backend);
    }

    private static int statusOf(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? 0 : status.value();
    }

    static String reasonFor(Throwable failure) {
        if (failure instanceof NotFoundException) {
            return "no_instance";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return "timeout";
            }
            if (cause instanceof ConnectException || cause instanceof io.netty.channel.ConnectTimeoutException) {
                return "unavailable";
            }
        }
        if (failure instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
            return "timeout";
        }
        return "error";
    }
}
