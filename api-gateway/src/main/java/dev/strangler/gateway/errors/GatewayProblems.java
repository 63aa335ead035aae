package dev.strangler.gateway.errors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * When a backend cannot answer, the client gets a fast RFC 9457 problem saying so, never a hang or an HTML page.
 */
@Component
@Order(-2)
public class GatewayProblems implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblems.class);

    private final ProblemWriter problems;

    GatewayProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        Problem problem = problemFor(failure);
        log.warn("{} {} answered by the gateway: {} ({})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), problem.status().value(), failure.toString());
        // Whatever a backend had put there belongs to an answer the client will not get.
        response.getHeaders().clear();
        if (problem.status().value() == 503) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        }
        return problems.write(exchange, problem.status(), problem.type(), problem.title(), problem.detail());
    }

    private static Problem problemFor(Throwable failure) {
        if (causedBy(failure, ConnectException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "backend-unavailable", "Backend unavailable",
                    "The service that answers this request is not reachable; nothing was changed");
        }
        if (causedBy(failure, TimeoutException.class)) {
            return new Problem(HttpStatus.GATEWAY_TIMEOUT, "backend-timeout", "Backend timeout",
                    "The service that answers this request did not answer in time");
        }
        if (failure instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            return switch (code.value()) {
                case 503 -> new Problem(code, "backend-unavailable", "Backend unavailable", reason(status,
                        "The service that answers this request is not available; nothing was changed"));
                case 504 -> new Problem(code, "backend-timeout", "Backend timeout", reason(status,
                        "The service that answers this request did not answer in time"));
                case 404 -> new Problem(code, "not-found", "Not found", reason(status, "Nothing here"));
                default -> new Problem(code, "request-failed", "Request failed", reason(status, "The request failed"));
            };
        }
        return new Problem(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
                "The request could not be passed on to the service that answers it");
    }

    private static String reason(ResponseStatusException status, String otherwise) {
        return status.getReason() == null || status.getReason().isBlank() ? otherwise : status.getReason();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private record Problem(HttpStatusCode status, String type, String title, String detail) {
    }
}
