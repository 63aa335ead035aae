package dev.strangler.orders.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How order-service reaches the monolith's internal stock API (ADR 0038). A reservation is retried (the reservation id
 * makes it idempotent) through resilience4j's instances {@code catalog}; with the defaults an order waits at most about
 * 6.5 s for an unreachable monolith (2 attempts of 3 s, 200 ms apart) before it is answered 503, well inside
 * {@code strangler.orders.attempts.abandoned-after}, so the sweeper never cancels a reservation still being asked for.
 *
 * @param service the monolith's name in discovery
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer, per attempt
 */
@ConfigurationProperties("strangler.orders.monolith")
public record MonolithProperties(@DefaultValue("monolith") String service,
                                 @DefaultValue("1s") Duration connectTimeout,
                                 @DefaultValue("3s") Duration readTimeout) {
}
