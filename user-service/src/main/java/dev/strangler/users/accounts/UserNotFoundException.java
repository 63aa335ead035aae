package dev.strangler.users.accounts;

/**
 * Thrown when no user has the requested id.
 */
public class UserNotFoundException extends RuntimeException {

    UserNotFoundException(long userId) {
        super("User " + userId + " does not exist");
    }
}
