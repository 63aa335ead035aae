package dev.strangler.monolith.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code order.created} (ADR 0025): the whole order as placed — the shape of the API's
 * {@code GET /api/orders/{id}} answer plus the row version — so that a subscriber needs nothing else from the monolith
 * to confirm it or, later, to own it.
 */
public record OrderCreated(long id, long userId, OrderStatus status, List<Line> lines, BigDecimal total,
                           Instant createdAt, long version) {

    /** One line at the price the order was placed at. */
    public record Line(long productId, String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    public static OrderCreated of(Order order) {
        return new OrderCreated(order.getId(), order.getUserId(), order.getStatus(),
                order.getLines().stream()
                        .map(line -> new Line(line.getProductId(), line.getSku(), line.getName(), line.getQuantity(),
                                line.getUnitPrice(), line.lineTotal()))
                        .toList(),
                order.getTotal(), order.getCreatedAt(), order.getVersion());
    }
}
