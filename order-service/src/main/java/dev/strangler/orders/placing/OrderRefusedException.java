package dev.strangler.orders.placing;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.Locale;

/**
 * An order that cannot be placed as asked, answered with the problem the monolith answers for the same request (type,
 * title, status, detail). It is its own problem ({@link ErrorResponseException}), so the service's advice needs no
 * handler for it.
 */
class OrderRefusedException extends ErrorResponseException {

    private static final String TYPE_BASE = "https://strangler.dev/problems/";

    private OrderRefusedException(HttpStatusCode status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        // The monolith's rule: the type is the title as a slug.
        problem.setType(URI.create(TYPE_BASE + title.toLowerCase(Locale.ROOT).replace(' ', '-')));
        problem.setTitle(title);
        return problem;
    }

    /** A refusal of the monolith's stock API (insufficient stock, unknown product), passed on as it came. */
    static OrderRefusedException byStock(HttpStatusCode status, String title, String detail) {
        return new OrderRefusedException(status, title, detail);
    }

    /** Not in the users replica: either there is no such user, or its {@code user.created} has not arrived yet. */
    static OrderRefusedException unknownUser(long userId) {
        return new OrderRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown user",
                "User " + userId + " does not exist here or may not have arrived yet; if it was just registered, "
                        + "try again shortly");
    }

    static OrderRefusedException repeatedProduct(long productId) {
        return new OrderRefusedException(HttpStatus.BAD_REQUEST, "Repeated product",
                "Product " + productId + " appears on more than one line; give its total quantity once");
    }

    static OrderRefusedException invalidIdempotencyKey(int maxLength) {
        return new OrderRefusedException(HttpStatus.BAD_REQUEST, "Invalid idempotency key",
                "The Idempotency-Key header must be 1 to " + maxLength + " printable ASCII characters");
    }

    static OrderRefusedException idempotencyKeyReused() {
        return new OrderRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
                "This Idempotency-Key was already used for a different order request; use a new key for a new order");
    }
}
