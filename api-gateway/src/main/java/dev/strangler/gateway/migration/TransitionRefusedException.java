package dev.strangler.gateway.migration;

/**
 * A change that makes no sense from where the capability stands: answered with 409.
 */
class TransitionRefusedException extends RuntimeException {

    TransitionRefusedException(String message) {
        super(message);
    }

    TransitionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
