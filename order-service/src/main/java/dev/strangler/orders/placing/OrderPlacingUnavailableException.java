package dev.strangler.orders.placing;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * 503: the order's outcome could not be settled now (the monolith's stock API gave no answer, or the sweeper cancelled
 * the attempt first, or the same key's first request is still running). No order exists for it; anything reserved is
 * given back by the sweeper, so the client may simply try again, with the same Idempotency-Key.
 */
class OrderPlacingUnavailableException extends ErrorResponseException {

    static final int RETRY_AFTER_SECONDS = 5;

    OrderPlacingUnavailableException(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, OrderRefusedException.problem(HttpStatus.SERVICE_UNAVAILABLE,
                "Orders unavailable", detail), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }

    OrderPlacingUnavailableException(String detail) {
        this(detail, null);
    }
}
