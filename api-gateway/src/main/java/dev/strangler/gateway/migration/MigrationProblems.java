package dev.strangler.gateway.migration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/**
 * Every refusal of the gateway's own API as an RFC 9457 problem, with a detail that tells the operator what to do.
 * Scoped to the gateway's controllers: a global advice would also catch the proxy's errors, which
 * {@code GatewayProblems} answers.
 */
@RestControllerAdvice(basePackages = "dev.strangler.gateway")
class MigrationProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalidSetting(InvalidSettingException ex) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-setting", "Invalid setting", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownCapability(UnknownCapabilityException ex) {
        return problem(HttpStatus.NOT_FOUND, "unknown-capability", "Unknown capability", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail noSuchSetting(NoSuchSettingException ex) {
        return problem(HttpStatus.NOT_FOUND, "no-such-setting", "No such setting", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail refused(TransitionRefusedException ex) {
        return problem(HttpStatus.CONFLICT, "transition-refused", "Transition refused", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail concurrent(ConcurrentChangeException ex) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(StateUnavailableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "migration-state-unavailable",
                        "Migration state unavailable", ex.getMessage()));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://strangler.dev/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
