package dev.strangler.monolith.catalog.stock;

import dev.strangler.monolith.web.RefusedException;
import org.springframework.http.HttpStatus;

/**
 * Thrown when a reservation cannot be made, or cancelled, as asked; it carries the status and title the API answers
 * with. Titles and details of stock and product refusals are those of the monolith's own order refusals, so that
 * order-service can answer its clients exactly as the monolith would.
 */
public class ReservationRefusedException extends RefusedException {

    private ReservationRefusedException(HttpStatus status, String title, String detail) {
        super(status, title, detail);
    }

    static ReservationRefusedException insufficientStock(long productId, String sku) {
        return new ReservationRefusedException(HttpStatus.CONFLICT, "Insufficient stock",
                "Not enough stock left of product " + productId + " (" + sku + ")");
    }

    static ReservationRefusedException unknownProduct(long productId) {
        return new ReservationRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown product",
                "Product " + productId + " does not exist");
    }

    static ReservationRefusedException repeatedProduct(long productId) {
        return new ReservationRefusedException(HttpStatus.BAD_REQUEST, "Repeated product",
                "Product " + productId + " appears on more than one line; give its total quantity once");
    }

    static ReservationRefusedException invalidId(long reservationId) {
        return new ReservationRefusedException(HttpStatus.BAD_REQUEST, "Invalid reservation id",
                "A reservation id is a positive order id, not " + reservationId);
    }

    static ReservationRefusedException cancelled(long reservationId) {
        return new ReservationRefusedException(HttpStatus.CONFLICT, "Reservation cancelled",
                "Reservation " + reservationId + " was cancelled; it can never take stock again");
    }

    static ReservationRefusedException conflict(long reservationId) {
        return new ReservationRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "Reservation conflict",
                "Reservation " + reservationId + " was made with different lines; a reservation id is used for one "
                        + "order only");
    }

    static ReservationRefusedException confirmed(long reservationId) {
        return new ReservationRefusedException(HttpStatus.CONFLICT, "Reservation confirmed",
                "The order of reservation " + reservationId + " exists, so its stock is sold and cannot be given back");
    }
}
