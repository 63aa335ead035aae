package dev.strangler.messaging.outbox;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.outbox.OutboxTable.Pending;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends claimed outbox rows to Kafka and waits for the broker's acknowledgement of each, with an idempotent producer
 * that waits for every in-sync replica.
 */
final class OutboxPublisher implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, String> producers;
    private final KafkaTemplate<String, String> kafka;
    private final String source;
    private final Duration deliveryTimeout;
    private final MeterRegistry meters;

    OutboxPublisher(Map<String, Object> producerConfig, String source, OutboxProperties.Producer limits,
                    MeterRegistry meters) {
        this.producers = new DefaultKafkaProducerFactory<>(producerConfig(producerConfig, limits));
        this.kafka = new KafkaTemplate<>(producers);
        this.source = source;
        this.deliveryTimeout = limits.deliveryTimeout();
        this.meters = meters;
    }

    /**
     * Boot's producer settings (bootstrap servers, security) with the durability settings forced: library defaults
     * are not a design, and {@code spring.kafka.producer.*} must not be able to weaken them.
     */
    static Map<String, Object> producerConfig(Map<String, Object> base, OutboxProperties.Producer limits) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Idempotence keeps order per partition across retries with up to 5 requests in flight.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) limits.deliveryTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) limits.requestTimeout().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) limits.maxBlock().toMillis());
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms; a few ms of linger batches a backlog.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    /** What became of each row of a batch. */
    record Outcome(List<Long> sent, Map<Long, Exception> failed) {
    }

    /**
     * Sends every row, then waits for each acknowledgement. A send that cannot even start (no metadata: the broker is
     * unreachable) ends the batch there, since every further send would wait just as long; those rows stay untouched.
     */
    Outcome publish(List<Pending> rows) {
        List<CompletableFuture<?>> futures = new ArrayList<>(rows.size());
        Map<Long, Exception> failed = new HashMap<>();
        for (Pending row : rows) {
            try {
                futures.add(kafka.send(record(row)));
            }
            catch (RuntimeException ex) {
                failed.put(row.id(), ex);
                break;
            }
        }
        List<Long> sent = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            Pending row = rows.get(i);
            try {
                // The producer gives up after delivery.timeout.ms; the extra second only guards against a hang.
                futures.get(i).get(deliveryTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                sent.add(row.id());
                counter("strangler.outbox.published", row.topic()).increment();
            }
            catch (ExecutionException ex) {
                failed.put(row.id(), ex.getCause() instanceof Exception cause ? cause : ex);
            }
            catch (TimeoutException ex) {
                failed.put(row.id(), ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failed.put(row.id(), ex);
            }
        }
        rows.stream().filter(row -> failed.containsKey(row.id()))
                .forEach(row -> counter("strangler.outbox.publish.failures", row.topic()).increment());
        return new Outcome(sent, failed);
    }

    private ProducerRecord<String, String> record(Pending row) {
        var headers = CloudEventHeaders.of(row.eventId(), row.type(), source, row.createdAt(), row.subject());
        row.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(row.topic(), null, row.key(), row.payload(), headers);
    }

    private Counter counter(String name, String topic) {
        return Counter.builder(name).tag("topic", topic).register(meters);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
