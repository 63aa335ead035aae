package dev.strangler.monolith.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the monolith hands orders to order-service once order-service owns order writes (ADR 0021's rule, ADR 0034):
 * one attempt behind the circuit breaker {@code order-service}, no fallback.
 *
 * @param service the service name in discovery
 * @param connectTimeout how long to wait for a connection
 * @param writeTimeout how long to wait for the answer to {@code POST /api/orders}: order-service reserves stock at
 *                     the monolith first (with its own retries) before it answers, so this is longer than a user
 *                     write's; a timed-out order may still have been placed, which the Idempotency-Key makes safe to
 *                     retry
 */
@ConfigurationProperties("strangler.orders")
public record OrderServiceProperties(@DefaultValue("order-service") String service,
                                     @DefaultValue("300ms") Duration connectTimeout,
                                     @DefaultValue("8s") Duration writeTimeout) {
}
