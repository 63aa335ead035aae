package dev.strangler.monolith.users;

/**
 * Thrown when no user has the requested id.
 */
public class UserNotFoundException extends RuntimeException {

    private final long userId;

    public UserNotFoundException(long userId) {
        super("User " + userId + " does not exist");
        this.userId = userId;
    }

    public long userId() {
        return userId;
    }
}
