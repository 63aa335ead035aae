package dev.strangler.orders.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the JSON API shows it, the monolith's shape exactly; amounts are in EUR.
 */
public record OrderResponse(long id, long userId, OrderStatus status, List<Line> lines, BigDecimal total,
                            Instant createdAt) {

    /**
     * One line of the order at the price it was placed at.
     */
    public record Line(long productId, String sku, String name, int quantity, BigDecimal unitPrice,
                       BigDecimal lineTotal) {

        /** A line whose total follows from its price, as the monolith computes it. */
        public static Line of(long productId, String sku, String name, int quantity, BigDecimal unitPrice) {
            return new Line(productId, sku, name, quantity, unitPrice,
                    unitPrice.multiply(BigDecimal.valueOf(quantity)));
        }
    }
}
