package dev.strangler.notifications.history;

import java.time.Instant;

/**
 * One e-mail as the history API shows it.
 *
 * @param kind {@code WELCOME} or {@code ORDER_CONFIRMATION}
 * @param eventId the id of the event it answered
 * @param recipient the address
 * @param subject the subject line
 * @param status {@code SENT} (by notification-service) or {@code SENT_BY_MONOLITH} (sent by another service, recorded
 *               only)
 * @param notifiedBy for {@code SENT_BY_MONOLITH}: who sent it, as the event's {@code strangler-notified-by} said
 *                   ({@code monolith}, {@code order-service}); null otherwise, and for records older than the field
 * @param messageId the {@code Message-ID} header, derived from the event id
 * @param at when it was sent or recorded
 */
record NotificationView(String kind, String eventId, String recipient, String subject, String status,
                        String notifiedBy, String messageId, Instant at) {
}
