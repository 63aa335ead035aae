package dev.strangler.monolith.catalog;

/**
 * Thrown when no product has the requested id.
 */
public class ProductNotFoundException extends RuntimeException {

    public ProductNotFoundException(long productId) {
        super("Product " + productId + " does not exist");
    }
}
