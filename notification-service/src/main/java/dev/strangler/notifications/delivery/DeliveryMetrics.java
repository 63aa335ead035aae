package dev.strangler.notifications.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

/**
 * The counters of what became of each e-mail ({@code strangler_notifications_*_total}), and of the consumer's retries
 * and dead letters, which it learns from messaging-support's error handler as its retry listener.
 */
@Component
class DeliveryMetrics implements RetryListener {

    private static final String SENT = "E-mails notification-service sent";
    // The metric's name is from when only the monolith marked its events; dashboards and the system tests read it.
    private static final String SENT_BY_MONOLITH = "E-mails another service sent (the monolith inline, or a republished"
            + " order's), only recorded here (the event carried strangler-notified-by)";
    private static final String FAILED = "Attempts to send an e-mail that failed (each is retried, then dead-lettered)";
    private static final String RETRIED = "Deliveries of an event that were retries after a failure";
    private static final String DEAD_LETTERED = "Events given up on and sent to <topic>.DLT";

    private final MeterRegistry meters;

    DeliveryMetrics(MeterRegistry meters, DefaultErrorHandler errorHandler) {
        this.meters = meters;
        errorHandler.setRetryListeners(this);
        // Every series from zero at start, so that rate() and increase() see the first e-mail and dashboards draw
        // a line before anything happened.
        for (Email.Kind kind : Email.Kind.values()) {
            sent(kind, 0);
            counter("strangler.notifications.sent.by.monolith", SENT_BY_MONOLITH, "kind", kind.name());
            for (String reason : new String[] {"smtp", "recipient-unknown"}) {
                failed(kind, reason, 0);
            }
        }
        for (String topic : new String[] {EventTypes.USER_CREATED, EventTypes.USER_UPDATED, EventTypes.ORDER_CREATED}) {
            counter("strangler.notifications.retried", RETRIED, "topic", topic);
            counter("strangler.notifications.dead.lettered", DEAD_LETTERED, "topic", topic);
        }
    }

    void sent(Email.Kind kind) {
        sent(kind, 1);
    }

    private void sent(Email.Kind kind, int amount) {
        counter("strangler.notifications.sent", SENT, "kind", kind.name()).increment(amount);
    }

    void sentByMonolith(Email.Kind kind) {
        counter("strangler.notifications.sent.by.monolith", SENT_BY_MONOLITH, "kind", kind.name()).increment();
    }

    void failed(Email.Kind kind, String reason) {
        failed(kind, reason, 1);
    }

    private void failed(Email.Kind kind, String reason, int amount) {
        Counter.builder("strangler.notifications.failed")
                .description(FAILED)
                .tag("kind", kind.name())
                .tag("reason", reason)
                .register(meters)
                .increment(amount);
    }

    /** Called for every failed delivery; attempt 2 and later were retries. */
    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        if (deliveryAttempt > 1) {
            counter("strangler.notifications.retried", RETRIED, "topic", record.topic()).increment();
        }
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
        counter("strangler.notifications.dead.lettered", DEAD_LETTERED, "topic", record.topic()).increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(meters);
    }
}
