package dev.strangler.monolith.catalog.stock;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal stock reservation API order-service calls (ADR 0031). Internal: the gateway refuses {@code /internal/**}
 * from outside, so only services reach it.
 */
@RestController
class StockReservationController {

    private final StockReservations reservations;

    StockReservationController(StockReservations reservations) {
        this.reservations = reservations;
    }

    @PutMapping("/internal/stock/reservations/{reservationId}")
    ReservationResponse reserve(@PathVariable long reservationId, @Valid @RequestBody ReservationRequest request) {
        return reservations.reserve(positive(reservationId), request);
    }

    @DeleteMapping("/internal/stock/reservations/{reservationId}")
    ResponseEntity<Void> cancel(@PathVariable long reservationId) {
        reservations.cancel(positive(reservationId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/internal/stock/reservations/{reservationId}")
    ReservationResponse get(@PathVariable long reservationId) {
        return reservations.get(positive(reservationId));
    }

    // Checked here rather than with @Positive on the parameter: a constraint there would make Spring validate the whole
    // method and report the body's invalid fields in another shape than every other API of the monolith.
    private static long positive(long reservationId) {
        if (reservationId <= 0) {
            throw ReservationRefusedException.invalidId(reservationId);
        }
        return reservationId;
    }
}
