package dev.strangler.orders.users;

/**
 * Thrown when a user is not in the replica; the monolith's message.
 */
public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException(long userId) {
        super("User " + userId + " does not exist");
    }
}
