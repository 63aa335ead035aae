package dev.strangler.orders.ordering;

/**
 * Where an order is in its life; as in the monolith, an order is only ever placed.
 */
public enum OrderStatus {
    PLACED
}
