package dev.strangler.notifications.recipients;

/**
 * What notification-service reads of a {@code user.created} / {@code user.updated} event (ADR 0012); the other fields
 * of the event are ignored.
 *
 * @param id the user's id
 * @param email where the user's e-mails go
 * @param name how the e-mails greet the user
 * @param version the row version after the change, for the version rule
 */
public record UserChanged(long id, String email, String name, long version) {
}
