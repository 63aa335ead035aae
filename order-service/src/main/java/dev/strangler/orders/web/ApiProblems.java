package dev.strangler.orders.web;

import dev.strangler.orders.ordering.OrderNotFoundException;
import dev.strangler.orders.users.UserNotFoundException;
import dev.strangler.service.web.ProblemAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error as the RFC 9457 problem the monolith answers for the same request, so that the gateway can switch
 * between the two: the shared ones from {@link ProblemAnswers}, and the orders API's own.
 */
@RestControllerAdvice
class ApiProblems extends ProblemAnswers {

    @ExceptionHandler({OrderNotFoundException.class, UserNotFoundException.class})
    ProblemDetail notFound(RuntimeException ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
    }
}
