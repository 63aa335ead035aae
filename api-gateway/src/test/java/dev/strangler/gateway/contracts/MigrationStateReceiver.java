package dev.strangler.gateway.contracts;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.cloud.contract.verifier.converter.YamlContract;
import org.springframework.cloud.contract.verifier.messaging.MessageVerifierReceiver;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Receives the gateway's {@code migration.state} messages for generated contract tests, since Spring Cloud Contract
 * 5.0.2 has no Kafka bridge: it reads the test context's own topic from the end marked just before the trigger, so
 * that a record of an earlier change is never taken for the one the contract describes.
 */
class MigrationStateReceiver implements MessageVerifierReceiver<ConsumerRecord<String, String>> {

    /** The destination a contract names, whatever the topic is called in this context. */
    static final String DESTINATION = "migration.state";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final AtomicReference<Map<TopicPartition, Long>> marked = new AtomicReference<>();

    MigrationStateReceiver(Map<String, Object> kafkaConsumerConfig, String topic) {
        var config = new HashMap<>(kafkaConsumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "contract-verifier-receiver");
        this.consumerConfig = Map.copyOf(config);
        this.topic = topic;
    }

    /** Remembers where the topic ends now; the next {@link #receive} returns the first record after it. */
    void markEnd() {
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            marked.set(Map.copyOf(consumer.endOffsets(partitions)));
        }
    }

    @Override
    public ConsumerRecord<String, String> receive(String destination, YamlContract contract) {
        return receive(destination, DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, contract);
    }

    @Override
    public ConsumerRecord<String, String> receive(String destination, long timeout, TimeUnit timeUnit,
                                                  YamlContract contract) {
        if (!DESTINATION.equals(destination)) {
            throw new IllegalArgumentException("The gateway publishes only to " + DESTINATION + ", not to "
                    + destination);
        }
        Map<TopicPartition, Long> from = marked.getAndSet(null);
        if (from == null) {
            throw new IllegalStateException("Call markEnd() in the trigger, before the change, so that only a record "
                    + "written after it can be received");
        }
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            return await("a record on " + topic + " after " + from)
                    .atMost(Duration.of(timeout, timeUnit.toChronoUnit()))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> first(consumer), Optional::isPresent)
                    .orElseThrow();
        }
    }

    private static Optional<ConsumerRecord<String, String>> first(KafkaConsumer<String, String> consumer) {
        Iterator<ConsumerRecord<String, String>> records = consumer.poll(Duration.ofMillis(100)).iterator();
        return records.hasNext() ? Optional.of(records.next()) : Optional.empty();
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }
}
