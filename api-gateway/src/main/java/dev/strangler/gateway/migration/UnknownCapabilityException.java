package dev.strangler.gateway.migration;

/**
 * A capability the gateway does not know: answered with 404.
 */
class UnknownCapabilityException extends RuntimeException {

    UnknownCapabilityException(String message) {
        super(message);
    }

    UnknownCapabilityException(String message, Throwable cause) {
        super(message, cause);
    }
}
