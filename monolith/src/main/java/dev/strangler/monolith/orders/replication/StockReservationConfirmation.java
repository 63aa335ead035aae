package dev.strangler.monolith.orders.replication;

import org.springframework.stereotype.Component;

/**
 * Stand-in until the stock reservations (issue 6, branch orders-stock) are merged: there is no reservation to confirm.
 */
@Component
class StockReservationConfirmation implements ReservationConfirmation {

    @Override
    public void confirm(long orderId) {
        // Replaced by a call to the stock reservations once they exist.
    }
}
