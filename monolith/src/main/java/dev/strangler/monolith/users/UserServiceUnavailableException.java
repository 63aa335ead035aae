package dev.strangler.monolith.users;

/**
 * Thrown when a user write belongs to user-service and it cannot take it now (down, too slow, failing, or its circuit
 * breaker is open). Nothing was written locally: there is no local fallback for writes (ADR 0021).
 */
public class UserServiceUnavailableException extends RuntimeException {

    public UserServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
