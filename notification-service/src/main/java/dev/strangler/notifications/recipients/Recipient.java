package dev.strangler.notifications.recipients;

/**
 * A user as the e-mails need them.
 *
 * @param id the user's id
 * @param email the address
 * @param name the greeting name
 */
public record Recipient(long id, String email, String name) {
}
