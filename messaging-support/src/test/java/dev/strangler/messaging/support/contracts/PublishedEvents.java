package dev.strangler.messaging.support.contracts;

import dev.strangler.messaging.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.cloud.contract.verifier.converter.YamlContract;
import org.springframework.cloud.contract.verifier.messaging.MessageVerifierReceiver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Receives a service's published events for generated messaging contract tests (Spring Cloud Contract 5.0.2 has no
 * Kafka bridge). The trigger names the event it caused ({@link #expect}, the {@code ce_id} its outbox row holds), and
 * {@link #receive} waits until the outbox relay has put exactly that event on the contract's topic: topics outlive the
 * tables tests empty, and other test contexts publish to them too, so "the next record" could be anybody's.
 */
public final class PublishedEvents implements MessageVerifierReceiver<ConsumerRecord<String, String>> {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final AtomicReference<UUID> expected = new AtomicReference<>();

    public PublishedEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The {@code ce_id} of the event the next {@link #receive} must return; call it from the contract's trigger. */
    public void expect(UUID eventId) {
        expected.set(eventId);
    }

    @Override
    public ConsumerRecord<String, String> receive(String destination, YamlContract contract) {
        return receive(destination, DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, contract);
    }

    @Override
    public ConsumerRecord<String, String> receive(String destination, long timeout, TimeUnit timeUnit,
                                                  YamlContract contract) {
        UUID eventId = expected.getAndSet(null);
        if (eventId == null) {
            throw new IllegalStateException("The trigger must call expect(eventId) with the ce_id of the event it "
                    + "caused, so that no other record on " + destination + " can be taken for it");
        }
        Duration limit = Duration.of(timeout, timeUnit.toChronoUnit());
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "contract-verifier-receiver",
                // The producer under test creates its topics; reading must not create one with other settings.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false))) {
            List<TopicPartition> partitions = await(destination + " to exist").atMost(limit)
                    .until(() -> consumer.listTopics().getOrDefault(destination, List.of()), infos -> !infos.isEmpty())
                    .stream().map(info -> new TopicPartition(destination, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return await("event " + eventId + " on " + destination).atMost(limit)
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> find(consumer, eventId), Optional::isPresent)
                    .orElseThrow();
        }
    }

    private static Optional<ConsumerRecord<String, String>> find(KafkaConsumer<String, String> consumer, UUID eventId) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (eventId.toString().equals(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID))) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }
}
