package dev.strangler.notifications.delivery;

/**
 * The topics (= CloudEvents types) notification-service reads, and the marker the monolith stamps on the events whose
 * e-mail it sent itself (docs/adr/0028-exactly-one-email-per-event.md).
 */
public final class EventTypes {

    public static final String USER_CREATED = "user.created";
    public static final String USER_UPDATED = "user.updated";
    public static final String ORDER_CREATED = "order.created";

    /**
     * Kafka record header: present when the e-mail was sent already, its value naming who sent it: {@code monolith}
     * (inline, or an order it backfills or repairs) or {@code order-service} (an order it republishes or repairs).
     */
    public static final String NOTIFIED_BY = "strangler-notified-by";

    private EventTypes() {
    }
}
