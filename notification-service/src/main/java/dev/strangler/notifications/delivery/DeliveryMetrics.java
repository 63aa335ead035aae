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

    private final MeterRegistry meters;

    DeliveryMetrics(MeterRegistry meters, DefaultErrorHandler errorHandler) {
        this.meters = meters;
        errorHandler.setRetryListeners(this);
    }

    void sent(Email.Kind kind) {
        counter("strangler.notifications.sent", "E-mails notification-service sent", "kind", kind.name()).increment();
    }

    void sentByMonolith(Email.Kind kind) {
        counter("strangler.notifications.sent.by.monolith",
                "E-mails the monolith sent inline, only recorded here (the event carried strangler-notified-by)",
                "kind", kind.name()).increment();
    }

    void failed(Email.Kind kind, String reason) {
        Counter.builder("strangler.notifications.failed")
                .description("Attempts to send an e-mail that failed (each is retried, then dead-lettered)")
                .tag("kind", kind.name())
                .tag("reason", reason)
                .register(meters)
                .increment();
    }

    /** Called for every failed delivery; attempt 2 and later were retries. */
    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        if (deliveryAttempt > 1) {
            counter("strangler.notifications.retried", "Deliveries of an event that were retries after a failure",
                    "topic", record.topic()).increment();
        }
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
        counter("strangler.notifications.dead.lettered", "Events given up on and sent to <topic>.DLT",
                "topic", record.topic()).increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(meters);
    }
}
