package dev.strangler.orders.catalog;

/**
 * One line of a reservation request: a product and how many of it.
 *
 * @param productId the product
 * @param quantity how many
 */
public record StockLine(long productId, int quantity) {
}
