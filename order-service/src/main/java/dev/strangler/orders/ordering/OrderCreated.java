package dev.strangler.orders.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code order.created} (ADR 0025), the monolith's shape exactly: the whole order as placed plus its row
 * version. order-service publishes it for the orders it places and reads the monolith's into it as a tolerant reader.
 */
public record OrderCreated(long id, long userId, OrderStatus status, List<Line> lines, BigDecimal total,
                           Instant createdAt, long version) {

    /** One line at the price the order was placed at. */
    public record Line(long productId, String sku, String name, int quantity, BigDecimal unitPrice,
                       BigDecimal lineTotal) {
    }

    static OrderCreated of(OrderResponse order, long version) {
        return new OrderCreated(order.id(), order.userId(), order.status(),
                order.lines().stream()
                        .map(line -> new Line(line.productId(), line.sku(), line.name(), line.quantity(),
                                line.unitPrice(), line.lineTotal()))
                        .toList(),
                order.total(), order.createdAt(), version);
    }
}
