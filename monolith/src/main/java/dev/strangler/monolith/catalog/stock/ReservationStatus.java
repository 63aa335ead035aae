package dev.strangler.monolith.catalog.stock;

/**
 * Where a stock reservation stands (V6__stock_reservations.sql says what each means).
 */
public enum ReservationStatus {
    RESERVED, CANCELLED, CONFIRMED
}
