package dev.strangler.messaging.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Reads a topic from its beginning with a consumer of its own (no group): a test's window onto what was published.
 * Topics outlive the tables a test empties, so tests look for their own records (by event id, e-mail). Shared with the
 * services' tests through this module's test jar.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Reading must not create the topic: the code under test creates it, with its own partition count.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        var partitions = await().atMost(Duration.ofSeconds(60)).until(() -> consumer.listTopics().getOrDefault(topic,
                        List.of()), infos -> !infos.isEmpty()).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public int partitions() {
        return consumer.assignment().size();
    }

    /** Waits for the first record that matches. */
    public ConsumerRecord<String, String> awaitFirst(Predicate<ConsumerRecord<String, String>> matching) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> poll().stream().filter(matching).findFirst().orElse(null), found -> found != null);
    }

    /** Everything read so far, after one more poll; call it from an Awaitility condition. */
    public List<ConsumerRecord<String, String>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
