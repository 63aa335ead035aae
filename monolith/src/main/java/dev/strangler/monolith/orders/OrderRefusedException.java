package dev.strangler.monolith.orders;

import dev.strangler.monolith.web.RefusedException;
import org.springframework.http.HttpStatus;

/**
 * Thrown when an order cannot be placed as asked; it carries the status the API answers with.
 */
public class OrderRefusedException extends RefusedException {

    private OrderRefusedException(HttpStatus status, String title, String detail) {
        super(status, title, detail);
    }

    static OrderRefusedException insufficientStock(long productId, String sku) {
        return new OrderRefusedException(HttpStatus.CONFLICT, "Insufficient stock",
                "Not enough stock left of product " + productId + " (" + sku + ")");
    }

    static OrderRefusedException unknownUser(long userId) {
        return new OrderRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown user",
                "User " + userId + " does not exist");
    }

    static OrderRefusedException unknownProduct(long productId) {
        return new OrderRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown product",
                "Product " + productId + " does not exist");
    }

    static OrderRefusedException repeatedProduct(long productId) {
        return new OrderRefusedException(HttpStatus.BAD_REQUEST, "Repeated product",
                "Product " + productId + " appears on more than one line; give its total quantity once");
    }

    static OrderRefusedException invalidIdempotencyKey(int maxLength) {
        return new OrderRefusedException(HttpStatus.BAD_REQUEST, "Invalid idempotency key",
                "The Idempotency-Key header must be 1 to " + maxLength + " printable ASCII characters");
    }

    static OrderRefusedException idempotencyKeyReused() {
        return new OrderRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
                "This Idempotency-Key was already used for a different order request; use a new key for a new order");
    }
}
