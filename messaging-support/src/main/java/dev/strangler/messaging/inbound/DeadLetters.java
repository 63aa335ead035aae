package dev.strangler.messaging.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a message that failed for good to {@code <topic>.DLT}, with spring-kafka's exception headers plus a short
 * {@code strangler-dlt-reason}, and counts it in {@code strangler_events_dead_lettered_total{topic}}. If the
 * dead-letter topic cannot be written, the recoverer throws, so the message is retried rather than lost.
 */
final class DeadLetters implements ConsumerRecordRecoverer, DisposableBean {

    static final String REASON_HEADER = "strangler-dlt-reason";
    static final String SUFFIX = ".DLT";

    private final DefaultKafkaProducerFactory<Object, Object> producers;
    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meters;

    DeadLetters(Map<String, Object> producerConfig, MeterRegistry meters) {
        this.producers = new DefaultKafkaProducerFactory<>(producerConfig(producerConfig), null, valueSerializer());
        this.meters = meters;
        // Partition -1: the producer picks the partition from the key, whatever the dead-letter topic's size.
        this.recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                (record, ex) -> new TopicPartition(record.topic() + SUFFIX, -1));
        this.recoverer.setHeadersFunction(DeadLetters::reasonHeader);
        this.recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(15));
    }

    static Map<String, Object> producerConfig(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    /** Dead letters carry whatever the consumer got: text, raw bytes of an unreadable value, or a typed object. */
    private static Serializer<Object> valueSerializer() {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(String.class, new StringSerializer());
        byType.put(Object.class, new JacksonJsonSerializer<>());
        return new DelegatingByTypeSerializer(byType, true);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception failure) {
        recoverer.accept(record, failure);
        Counter.builder("strangler.events.dead.lettered")
                .description("Events sent to a dead-letter topic because they could never be processed")
                .tag("topic", record.topic())
                .register(meters)
                .increment();
    }

    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PoisonMessageException poison) {
                return poison.reason();
            }
            if (cause instanceof RetryLaterException retryLater) {
                return "gave up after retries: " + retryLater.getMessage();
            }
            if (cause instanceof DeserializationException) {
                return "not deserializable: " + cause.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "failed after retries: " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Headers reasonHeader(ConsumerRecord<?, ?> record, Exception failure) {
        String reason = reason(failure);
        var headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.substring(0, Math.min(reason.length(), 500)).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
