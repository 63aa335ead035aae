package dev.strangler.orders.users;

/**
 * What order-service reads of {@code user.created} and {@code user.updated} (ADR 0012), as a tolerant reader: the
 * fields it keeps and the row version; the rest of the body is ignored.
 */
record UserChanged(long id, String email, String name, long version) {
}
