package dev.strangler.monolith.orders;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.JsonNode;

/**
 * order-service refused an order (400, 409 or 422): the API answers with its status and its problem body as they are,
 * so that a client sees the same refusal whichever door the order came through.
 */
public class OrderServiceRefusedException extends RuntimeException {

    private final HttpStatusCode status;
    private final @Nullable JsonNode problem;

    OrderServiceRefusedException(HttpStatusCode status, @Nullable JsonNode problem) {
        super(problem == null ? "order-service refused the order with " + status.value()
                : problem.path("detail").asString("order-service refused the order with " + status.value()));
        this.status = status;
        this.problem = problem;
    }

    public HttpStatusCode status() {
        return status;
    }

    /** The problem order-service answered with, or null when it sent none that could be read. */
    public @Nullable JsonNode problem() {
        return problem;
    }
}
