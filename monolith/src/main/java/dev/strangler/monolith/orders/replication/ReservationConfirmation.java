package dev.strangler.monolith.orders.replication;

/**
 * Marks the stock reservation of an order that order-service placed as CONFIRMED, inside the transaction that applies
 * its {@code order.created}: from then on the reservation's stock belongs to an order and can no longer be given back.
 */
interface ReservationConfirmation {

    /** Confirms reservation {@code orderId} if it exists (the reservation id is the order id); no-op otherwise. */
    void confirm(long orderId);
}
