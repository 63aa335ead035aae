package dev.strangler.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The backends behind the gateway as the routing sees them: one circuit breaker each (configured under
 * {@code resilience4j.circuitbreaker}), and the count of reads the monolith answered because a service could not.
 */
@Component
class Backends {

    private final CircuitBreakerRegistry breakers;
    private final MeterRegistry meters;
    private final Map<String, CircuitBreaker> byBackend = new ConcurrentHashMap<>();
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();

    Backends(CircuitBreakerRegistry breakers, MeterRegistry meters) {
        this.breakers = breakers;
        this.meters = meters;
        Capability.routed().forEach(capability -> breaker(capability.service()));
        breaker(RouteDecision.MONOLITH);
    }

    /** The backend's breaker; looked up once, because a registry lookup on every request is measurable. */
    CircuitBreaker breaker(String backend) {
        return byBackend.computeIfAbsent(backend, breakers::circuitBreaker);
    }

    void countFallback(Capability capability, String reason) {
        fallbacks.computeIfAbsent(capability.label() + "/" + reason, key -> Counter.builder("strangler.fallbacks")
                        .description("Service reads answered by the monolith because the service could not answer")
                        .tag("capability", capability.label())
                        .tag("reason", reason)
                        .register(meters))
                .increment();
    }

    /** A 5xx answer or no answer at all counts against a backend; a 4xx is a valid answer about the request. */
    static void record(CircuitBreaker breaker, long startNanos, int status) {
        long took = System.nanoTime() - startNanos;
        if (status >= 500 || status == 0) {
            breaker.onError(took, TimeUnit.NANOSECONDS, new BackendFailedException(status));
        }
        else {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        }
    }

    static void record(CircuitBreaker breaker, long startNanos, Throwable failure) {
        breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, failure);
    }

    /** What the circuit breaker records for a 5xx answer. */
    static final class BackendFailedException extends RuntimeException {

        BackendFailedException(int status) {
            super("answered " + status, null, false, false);
        }
    }
}
