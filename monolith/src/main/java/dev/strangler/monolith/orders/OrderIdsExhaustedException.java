package dev.strangler.monolith.orders;

/**
 * Thrown when an order placed here would take an id from order-service's range (ADR 0013): refusing is better than two
 * orders with one id.
 */
public class OrderIdsExhaustedException extends RuntimeException {

    OrderIdsExhaustedException(long id) {
        super("Order id " + id + " would reach order-service's id range (from " + Checkout.SERVICE_ID_RANGE_START
                + "); ordering here is closed until ids are re-planned");
    }
}
