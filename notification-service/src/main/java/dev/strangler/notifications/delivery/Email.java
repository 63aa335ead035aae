package dev.strangler.notifications.delivery;

/**
 * One e-mail, rendered, before it is sent (or recorded as sent by the monolith).
 *
 * @param kind welcome or order confirmation
 * @param to the recipient's address
 * @param subject the subject line
 * @param text the plain-text part
 * @param html the HTML part
 */
record Email(Kind kind, String to, String subject, String text, String html) {

    /** What an e-mail is about; stored as its name. */
    enum Kind {
        WELCOME, ORDER_CONFIRMATION
    }
}
