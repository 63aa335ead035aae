package dev.strangler.orders.catalog;

import org.springframework.http.HttpStatusCode;

/**
 * What the monolith said to a reservation, when it said something definite. Anything else (no answer, a 5xx, an open
 * circuit) is a {@link StockUnavailableException}: the outcome is unknown and only the sweeper may settle it.
 */
public sealed interface ReservationAnswer {

    /** The stock is taken for this order. */
    record Reserved(StockReservation reservation) implements ReservationAnswer {
    }

    /**
     * Refused with nothing taken: 409 "Insufficient stock" or 422 "Unknown product", as the monolith's own checkout
     * refuses; the title and detail are passed on to the client unchanged.
     */
    record Refused(HttpStatusCode status, String title, String detail) implements ReservationAnswer {
    }

    /**
     * 409 "Reservation cancelled": this id was cancelled before it arrived, which only the sweeper does, so the attempt
     * is no longer this request's to finish.
     */
    record Cancelled() implements ReservationAnswer {
    }
}
