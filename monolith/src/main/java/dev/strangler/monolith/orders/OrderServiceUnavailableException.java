package dev.strangler.monolith.orders;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when order writes belong to order-service and it cannot take this order now (down, too slow, failing, or its
 * circuit breaker is open). Nothing was written locally: there is no local fallback for writes (ADR 0021, 0034).
 */
public class OrderServiceUnavailableException extends RuntimeException {

    public OrderServiceUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
