package dev.strangler.users.web;

import dev.strangler.service.web.ProblemAnswers;
import dev.strangler.users.accounts.DuplicateEmailException;
import dev.strangler.users.accounts.UserNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error as the RFC 9457 problem the monolith answers for the same request, so that the gateway can switch
 * between the two: the shared ones from {@link ProblemAnswers}, and the users API's own.
 */
@RestControllerAdvice
class ApiProblems extends ProblemAnswers {

    @ExceptionHandler(UserNotFoundException.class)
    ProblemDetail notFound(UserNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
    }

    @ExceptionHandler(DuplicateEmailException.class)
    ProblemDetail duplicateEmail(DuplicateEmailException ex) {
        return problem(HttpStatus.CONFLICT, "duplicate-email", "E-mail already registered", ex.getMessage());
    }
}
