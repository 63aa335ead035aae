package dev.strangler.notifications.web;

import dev.strangler.service.web.ProblemAnswers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;

/**
 * Every error as an RFC 9457 problem in the shape the monolith and user-service answer: the shared ones from
 * {@link ProblemAnswers}, plus the query parameters of the history API (a missing or mistyped one).
 */
@RestControllerAdvice
class ApiProblems extends ProblemAnswers {

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request has 1 invalid parameter(s)");
        body.setProperty("errors", List.of(new InvalidField(ex.getParameterName(), "is required")));
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request has 1 invalid parameter(s)");
        body.setProperty("errors", List.of(new InvalidField(ex.getName(), "has the wrong type")));
        return body;
    }
}
