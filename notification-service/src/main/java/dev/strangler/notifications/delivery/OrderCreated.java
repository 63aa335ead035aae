package dev.strangler.notifications.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What notification-service reads of an {@code order.created} event: the order as the monolith's
 * {@code GET /api/orders/{id}} answers it, plus its version. Unknown fields are ignored; a missing one is poison.
 *
 * @param id the order's id
 * @param userId who placed it (the address comes from the replica of users)
 * @param lines what was ordered
 * @param total the order's total
 * @param createdAt when it was placed
 */
public record OrderCreated(long id, long userId, List<Line> lines, BigDecimal total, Instant createdAt) {

    /**
     * One line of the order.
     *
     * @param sku the product's stock-keeping unit
     * @param name the product's name at the time of the order
     * @param quantity how many
     * @param unitPrice the price of one
     * @param lineTotal quantity times unit price
     */
    public record Line(String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }
}
