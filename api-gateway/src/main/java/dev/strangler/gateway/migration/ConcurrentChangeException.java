package dev.strangler.gateway.migration;

/**
 * Another gateway changed the same capability at the same moment and its change came first: 409.
 */
class ConcurrentChangeException extends RuntimeException {

    ConcurrentChangeException(String message) {
        super(message);
    }

    ConcurrentChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
