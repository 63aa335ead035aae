package dev.strangler.orders.placing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A placed order as the API answers it, in the monolith's {@code OrderResponse} shape (amounts in EUR).
 */
record PlacedOrder(long id, long userId, String status, List<Line> lines, BigDecimal total, Instant createdAt) {

    static final String PLACED = "PLACED";

    /** One line at the price the order was placed at. */
    record Line(long productId, String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }
}
