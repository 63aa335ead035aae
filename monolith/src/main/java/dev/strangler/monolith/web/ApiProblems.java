package dev.strangler.monolith.web;

import dev.strangler.monolith.catalog.ProductNotFoundException;
import dev.strangler.monolith.catalog.stock.ReservationNotFoundException;
import dev.strangler.monolith.mail.MailUnavailableException;
import dev.strangler.monolith.orders.OrderIdsExhaustedException;
import dev.strangler.monolith.orders.OrderNotFoundException;
import dev.strangler.monolith.orders.OrderServiceRefusedException;
import dev.strangler.monolith.orders.OrderServiceUnavailableException;
import dev.strangler.monolith.users.DuplicateEmailException;
import dev.strangler.monolith.users.InvalidUserException;
import dev.strangler.monolith.users.UserIdsExhaustedException;
import dev.strangler.monolith.users.UserNotFoundException;
import dev.strangler.monolith.users.UserServiceUnavailableException;
import dev.strangler.monolith.backfill.BackfillAlreadyRunningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;

/**
 * Turns every error of the JSON API into an RFC 9457 problem; no stack traces or SQL ever reach a client.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final String TYPE_BASE = "https://strangler.dev/problems/";

    @ExceptionHandler({UserNotFoundException.class, ProductNotFoundException.class, OrderNotFoundException.class,
            ReservationNotFoundException.class})
    ProblemDetail notFound(RuntimeException ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
    }

    @ExceptionHandler(DuplicateEmailException.class)
    ProblemDetail duplicateEmail(DuplicateEmailException ex) {
        return problem(HttpStatus.CONFLICT, "duplicate-email", "E-mail already registered", ex.getMessage());
    }

    /**
     * Order refusals, and the internal stock API's, which use the same titles and details as the order refusals they
     * stand for: one answer shape for both.
     */
    @ExceptionHandler(RefusedException.class)
    ProblemDetail refused(RefusedException ex) {
        String slug = ex.title().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return problem(ex.status(), slug, ex.title(), ex.getMessage());
    }

    @ExceptionHandler(MailUnavailableException.class)
    ResponseEntity<ProblemDetail> mailUnavailable(MailUnavailableException ex) {
        log.warn("Refusing request: {}", ex.getCause().toString());
        ProblemDetail body = problem(HttpStatus.SERVICE_UNAVAILABLE, "mail-unavailable", "Mail server unavailable",
                "The e-mail for this request could not be sent, so nothing was saved. Try again shortly.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(body);
    }

    /** user-service owns user writes and cannot take this one now; the monolith never writes it instead (ADR 0021). */
    @ExceptionHandler(UserServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> userServiceUnavailable(UserServiceUnavailableException ex) {
        ProblemDetail body = problem(HttpStatus.SERVICE_UNAVAILABLE, "user-service-unavailable",
                "User service unavailable", "User accounts are managed by user-service, which cannot take this "
                        + "change now, so nothing was saved. Try again shortly.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(body);
    }

    /** order-service owns order writes and cannot take this one now; the monolith never places it instead (ADR 0034). */
    @ExceptionHandler(OrderServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> orderServiceUnavailable(OrderServiceUnavailableException ex) {
        ProblemDetail body = problem(HttpStatus.SERVICE_UNAVAILABLE, "order-service-unavailable",
                "Order service unavailable", "Orders are placed by order-service, which cannot take this order now, "
                        + "so nothing was placed. Try again shortly with the same Idempotency-Key.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(body);
    }

    /** order-service refused the order: its status and problem as they are, the refusal a client gets from it. */
    @ExceptionHandler(OrderServiceRefusedException.class)
    ResponseEntity<Object> orderServiceRefused(OrderServiceRefusedException ex) {
        Object body = ex.problem() != null && ex.problem().isObject() ? ex.problem()
                : problem(ex.status(), "order-refused", "Order refused", ex.getMessage());
        return ResponseEntity.status(ex.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(OrderIdsExhaustedException.class)
    ProblemDetail orderIdsExhausted(OrderIdsExhaustedException ex) {
        log.error("Refusing order: {}", ex.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "order-ids-exhausted", "Order ids exhausted",
                "New orders cannot be placed here any more: their ids would collide with order-service's.");
    }

    /** user-service refused a write the monolith's own validation let through: the same validation problem. */
    @ExceptionHandler(InvalidUserException.class)
    ProblemDetail invalidUser(InvalidUserException ex) {
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
        body.setProperty("errors", ex.errors());
        return body;
    }

    @ExceptionHandler(BackfillAlreadyRunningException.class)
    ProblemDetail backfillRunning(BackfillAlreadyRunningException ex) {
        return problem(HttpStatus.CONFLICT, "backfill-running", "Backfill already running", ex.getMessage());
    }

    @ExceptionHandler(UserIdsExhaustedException.class)
    ProblemDetail userIdsExhausted(UserIdsExhaustedException ex) {
        log.error("Refusing registration: {}", ex.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "user-ids-exhausted", "User ids exhausted",
                "New users cannot be registered here any more: their ids would collide with user-service's.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        log.error("Unexpected error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side; nothing was changed unless the request said so.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
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
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
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
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                "The request body is missing or is not valid JSON of the expected shape");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    private static String messageOf(MessageSourceResolvable error) {
        String message = error.getDefaultMessage();
        if (error instanceof FieldError fieldError && fieldError.isBindingFailure()) {
            return "has the wrong type";
        }
        return message == null ? "is invalid" : message;
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
