package dev.strangler.orders.ordering;

/**
 * Thrown when no order has the requested id; the monolith's message.
 */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(long orderId) {
        super("Order " + orderId + " does not exist");
    }
}
