package dev.strangler.service.web;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

/**
 * The RFC 9457 problems an extracted service answers to the errors every service has (unexpected failure, invalid
 * fields or parameters, a malformed body, an unknown path), in the shape the monolith answers (type, title, status,
 * detail, errors), so that the gateway can switch between them; no stack traces or SQL ever reach a client. A
 * service's own {@code @RestControllerAdvice} extends it and adds the problems of its domain.
 */
public abstract class ProblemAnswers extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);
    private static final String TYPE_BASE = "https://strangler.dev/problems/";

    @ExceptionHandler(Exception.class)
    protected ProblemDetail unexpected(Exception ex) {
        log.error("Unexpected error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side; nothing was changed unless the request said so.");
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new InvalidField(error.getField(), messageOf(error)))
                .sorted(InvalidField.ORDER)
                .toList();
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request body has " + errors.size() + " invalid field(s)");
        body.setProperty("errors", errors);
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new InvalidField(result.getMethodParameter().getParameterName(),
                                messageOf(error))))
                .sorted(InvalidField.ORDER)
                .toList();
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request has " + errors.size() + " invalid parameter(s)");
        body.setProperty("errors", errors);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                "The request body is missing or is not valid JSON of the expected shape");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    /** The monolith's answer to an API client on an unknown path (it shows browsers a page, which nobody asks here). */
    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = ((ServletWebRequest) request).getRequest().getRequestURI();
        ProblemDetail body = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "Nothing is served at " + path);
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    private static String messageOf(MessageSourceResolvable error) {
        String message = error.getDefaultMessage();
        if (error instanceof FieldError fieldError && fieldError.isBindingFailure()) {
            return "has the wrong type";
        }
        return message == null ? "is invalid" : message;
    }

    protected static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * One invalid field or parameter. Both the key order (a record's) and the list order (by field, then message) are
     * fixed, so that the same request always gets the same bytes — the monolith's own {@code InvalidField} does the
     * same, so every side answers one request identically.
     */
    public record InvalidField(String field, String message) {

        static final Comparator<InvalidField> ORDER = Comparator.comparing(InvalidField::field)
                .thenComparing(InvalidField::message);
    }
}
