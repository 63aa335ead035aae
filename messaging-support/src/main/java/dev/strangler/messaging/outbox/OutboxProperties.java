package dev.strangler.messaging.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The transactional outbox and its relay, under {@code strangler.outbox}.
 *
 * @param relay how rows are relayed to Kafka
 * @param producer the relay's Kafka producer limits
 * @param retention how long relayed rows are kept (for inspection) before they are deleted
 */
@ConfigurationProperties("strangler.outbox")
public record OutboxProperties(@DefaultValue Relay relay, @DefaultValue Producer producer,
                               @DefaultValue("7d") Duration retention) {

    /**
     * The relay.
     *
     * @param enabled whether this instance relays at all; false holds every event in the table (the test seam for a
     *                crash between commit and send: appends still work, nothing is published)
     * @param batchSize rows claimed per transaction
     * @param pollInterval pause between polls when the outbox had nothing (more) to send
     * @param initialBackOff first pause after a poll that published nothing because of a failure
     * @param maxBackOff longest such pause, and longest wait of a row that keeps failing
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") int batchSize,
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("500ms") Duration initialBackOff,
            @DefaultValue("30s") Duration maxBackOff) {
    }

    /**
     * The relay's producer. Its durability settings ({@code acks=all}, idempotence) are not configurable.
     *
     * @param deliveryTimeout how long one send may take, retries included, before the row is retried later
     * @param requestTimeout how long the producer waits for one broker answer
     * @param maxBlock how long a send may wait for topic metadata (a broker that is down)
     */
    public record Producer(
            @DefaultValue("15s") Duration deliveryTimeout,
            @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("5s") Duration maxBlock) {
    }
}
