package dev.strangler.monolith.catalog.stock;

/**
 * Thrown when a reservation id is neither reserved nor cancelled here.
 */
public class ReservationNotFoundException extends RuntimeException {

    ReservationNotFoundException(long reservationId) {
        super("Reservation " + reservationId + " does not exist");
    }
}
