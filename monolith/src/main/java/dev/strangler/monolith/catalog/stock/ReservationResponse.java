package dev.strangler.monolith.catalog.stock;

import java.math.BigDecimal;
import java.util.List;

/**
 * A reservation as the internal API answers it: the lines priced when the stock was taken, in product-id order.
 *
 * @param reservationId the order id order-service allocated
 * @param status where the reservation stands
 * @param lines the priced lines (none for a tombstone)
 * @param total the sum of the line totals
 */
public record ReservationResponse(long reservationId, ReservationStatus status, List<ReservedLine> lines,
                                  BigDecimal total) {

    /**
     * One reserved line, priced at reservation time.
     */
    public record ReservedLine(long productId, String sku, String name, int quantity, BigDecimal unitPrice,
                               BigDecimal lineTotal) {
    }
}
