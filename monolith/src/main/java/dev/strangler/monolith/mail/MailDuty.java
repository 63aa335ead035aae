package dev.strangler.monolith.mail;

import java.util.Map;

/**
 * Who e-mails the change of one transaction, decided once from the {@code notifications} capability so that the mail
 * and the mark on the change's event always agree (ADR 0025): the monolith sends inline and marks the event, or it
 * sends nothing and leaves the event unmarked for notification-service.
 *
 * @param monolithSends whether the monolith sends the e-mail itself, inside the transaction
 */
public record MailDuty(boolean monolithSends) {

    /** The Kafka record header that tells notification-service the monolith already sent this event's e-mail. */
    public static final String NOTIFIED_BY = "strangler-notified-by";

    /** Its value: who sent it. */
    public static final String MONOLITH = "monolith";

    /** The extra headers of the change's event: the mark when the monolith sends, none otherwise. */
    public Map<String, String> eventHeaders() {
        return monolithSends ? Map.of(NOTIFIED_BY, MONOLITH) : Map.of();
    }
}
