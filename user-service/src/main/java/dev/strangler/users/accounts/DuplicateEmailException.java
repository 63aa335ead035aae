package dev.strangler.users.accounts;

/**
 * Thrown when another user already has the e-mail address.
 */
public class DuplicateEmailException extends RuntimeException {

    DuplicateEmailException(String email) {
        super("A user with e-mail " + email + " already exists");
    }
}
