package dev.strangler.monolith.orders;

/**
 * Where an order is in its life; the legacy shop only ever places orders.
 */
public enum OrderStatus {
    PLACED
}
