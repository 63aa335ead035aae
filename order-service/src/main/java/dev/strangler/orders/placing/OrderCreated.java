package dev.strangler.orders.placing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code order.created} for an order placed here: the monolith's shape (ADR 0025), so that its
 * subscribers (notification-service, the monolith's replication) read it as they read the monolith's.
 */
record OrderCreated(long id, long userId, String status, List<PlacedOrder.Line> lines, BigDecimal total,
                    Instant createdAt, long version) {

    static OrderCreated of(PlacedOrder order) {
        return new OrderCreated(order.id(), order.userId(), order.status(), order.lines(), order.total(),
                order.createdAt(), 0);
    }
}
