package dev.strangler.monolith.users;

import dev.strangler.monolith.web.InvalidField;

import java.util.List;

/**
 * Thrown when user-service refuses a user write as invalid (400) although the monolith's own validation let it
 * through: the same validation problem, with the service's list of invalid fields.
 */
public class InvalidUserException extends RuntimeException {

    private final List<InvalidField> errors;

    public InvalidUserException(String detail, List<InvalidField> errors) {
        super(detail);
        this.errors = errors.stream().sorted(InvalidField.ORDER).toList();
    }

    public List<InvalidField> errors() {
        return errors;
    }
}
