package dev.strangler.orders.catalog;

/**
 * The monolith's stock API gave no usable answer (unreachable, too slow, failing, or its circuit breaker is open): the
 * outcome of the call is unknown, so whatever it may have reserved is left to the sweeper to cancel.
 */
public class StockUnavailableException extends RuntimeException {

    StockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
