package dev.strangler.monolith.users;

/**
 * Thrown when another user already has the e-mail address.
 */
public class DuplicateEmailException extends RuntimeException {

    public DuplicateEmailException(String email) {
        super("A user with e-mail " + email + " already exists");
    }
}
