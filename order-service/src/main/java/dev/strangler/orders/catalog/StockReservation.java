package dev.strangler.orders.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * Stock the monolith has put aside for one order, priced at the moment it was reserved: this is how order-service
 * prices an order, since the catalog and its prices still live in the monolith.
 *
 * @param reservationId the order id the reservation was made for
 * @param status RESERVED, CANCELLED or CONFIRMED
 * @param lines the priced lines, in product-id order
 * @param total the sum of the line totals
 */
public record StockReservation(long reservationId, String status, List<Line> lines, BigDecimal total) {

    /** One reserved line at its price. */
    public record Line(long productId, String sku, String name, int quantity, BigDecimal unitPrice,
                       BigDecimal lineTotal) {
    }
}
