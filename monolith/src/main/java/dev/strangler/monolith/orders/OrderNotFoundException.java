package dev.strangler.monolith.orders;

/**
 * Thrown when no order has the requested id.
 */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(long orderId) {
        super("Order " + orderId + " does not exist");
    }
}
