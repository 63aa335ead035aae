package dev.strangler.monolith.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the JSON API shows it; amounts are in EUR.
 */
public record OrderResponse(long id, long userId, OrderStatus status, List<Line> lines, BigDecimal total,
                            Instant createdAt) {

    /**
     * One line of the order at the price it was placed at.
     */
    public record Line(long productId, String sku, String name, int quantity, BigDecimal unitPrice,
                       BigDecimal lineTotal) {
    }

    public static OrderResponse of(Order order) {
        return new OrderResponse(order.getId(), order.getUserId(), order.getStatus(),
                order.getLines().stream()
                        .map(line -> new Line(line.getProductId(), line.getSku(), line.getName(), line.getQuantity(),
                                line.getUnitPrice(), line.lineTotal()))
                        .toList(),
                order.getTotal(), order.getCreatedAt());
    }
}
