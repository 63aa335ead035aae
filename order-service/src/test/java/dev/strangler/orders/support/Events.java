package dev.strangler.orders.support;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Helpers of the consumer tests: how far a consumer has come, by its outcome counters, and where a dead letter came
 * from.
 */
public final class Events {

    private Events() {
    }

    public static double count(MeterRegistry meters, String counter, String outcome) {
        var found = meters.find(counter).tag("outcome", outcome).counter();
        return found == null ? 0 : found.count();
    }

    /** Runs {@code send} and waits until the consumer has counted one more event with this outcome. */
    public static void sendAndAwait(MeterRegistry meters, String counter, String outcome, Runnable send) {
        double before = count(meters, counter, outcome);
        send.run();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(meters, counter, outcome) > before);
    }

    public static long originalOffset(ConsumerRecord<?, ?> record) {
        var header = record.headers().lastHeader("kafka_dlt-original-offset");
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }
}
