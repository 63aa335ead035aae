package dev.strangler.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strangler.gateway.errors.ProblemWriter;
import dev.strangler.gateway.routing.ClientKey;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * A token bucket (Bucket4j) per client, keyed by API key, else IP address: a client over its limit gets 429 with
 * {@code Retry-After} and nothing is forwarded. Health and metrics endpoints are never limited.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
class ClientRateLimiter implements WebFilter, Ordered {

    static final String REMAINING = "X-RateLimit-Remaining";

    private final RateLimitProperties properties;
    private final ProblemWriter problems;
    private final Cache<String, Bucket> buckets;
    private final Counter limited;

    ClientRateLimiter(RateLimitProperties properties, ProblemWriter problems, MeterRegistry meters) {
        this.properties = properties;
        this.problems = problems;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
        this.limited = Counter.builder("strangler.rate.limited")
                .description("Requests refused because their client was over its rate limit")
                .register(meters);
    }

    /** Runs right after request tracking, so that a refused request still gets its id and access-log line. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled() || exchange.getRequest().getPath().value().startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        Bucket bucket = buckets.get(ClientKey.of(exchange), key -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            exchange.getResponse().getHeaders().set(REMAINING, Long.toString(probe.getRemainingTokens()));
            return chain.filter(exchange);
        }
        limited.increment();
        long waitSeconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
        exchange.getResponse().getHeaders().set(REMAINING, "0");
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "This client (API key, else IP address) may make " + properties.burst() + " requests at once and "
                        + properties.refill() + " per " + properties.period().toMillis() + " ms; retry after "
                        + waitSeconds + " s");
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.burst())
                        .refillGreedy(properties.refill(), properties.period())
                        .build())
                .build();
    }
}
