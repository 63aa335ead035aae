package dev.strangler.monolith.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path nothing serves: a page for browsers, a problem for everyone else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownPaths {

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<?> unknownPath(NoResourceFoundException ex, HttpServletRequest request) {
        if (NotFoundPage.wantedBy(request)) {
            return NotFoundPage.response();
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                        "Nothing is served at " + request.getRequestURI()));
    }
}
