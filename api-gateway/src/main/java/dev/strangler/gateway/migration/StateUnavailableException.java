package dev.strangler.gateway.migration;

/**
 * The migration state cannot be read or changed right now (still loading, or Kafka is down): 503.
 */
class StateUnavailableException extends RuntimeException {

    StateUnavailableException(String message) {
        super(message);
    }

    StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
