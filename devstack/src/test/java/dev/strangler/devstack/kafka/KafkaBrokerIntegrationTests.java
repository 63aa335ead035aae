package dev.strangler.devstack.kafka;

import dev.strangler.devstack.process.Ports;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaBrokerIntegrationTests {

    @TempDir
    static Path dataDir;

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dataDir, 0).waitUntilReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void brokerShouldBeItsOwnProcess() {
        assertThat(broker.isAlive()).isTrue();
        assertThat(broker.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.of(broker.pid()).flatMap(handle -> handle.info().commandLine()))
                .hasValueSatisfying(command -> assertThat(command).contains(KafkaServerMain.class.getName()));
    }

    @Test
    void recordsShouldSurviveACleanRestartAndACrash() throws Exception {
        String topic = "devstack-" + UUID.randomUUID();
        send(topic, "before-restart");

        broker.stop();
        assertThat(broker.isAlive()).isFalse();
        broker.restart().waitUntilReady(Duration.ofSeconds(60));
        send(topic, "after-restart");

        broker.kill();
        broker.restart().waitUntilReady(Duration.ofSeconds(60));

        assertThat(readAll(topic, 2)).containsExactly("before-restart", "after-restart");
    }

    /**
     * The outage of the system tests (LocalStack's stopKafka/startKafka): while stopped nothing listens on the port;
     * started again, the broker is at the same address with its topics and its consumer groups' committed offsets, so
     * a consumer resumes after what it had read instead of reading it twice.
     */
    @Test
    void stoppedBrokerShouldComeBackAtTheSameAddressWithItsTopicsAndCommittedOffsets() throws Exception {
        String topic = "devstack-outage-" + UUID.randomUUID();
        String group = "devstack-outage-" + UUID.randomUUID();
        String address = broker.bootstrapServers();
        send(topic, "read-before-the-outage");
        assertThat(readAndCommit(topic, group, 1)).containsExactly("read-before-the-outage");
        send(topic, "sent-before-the-outage");

        broker.stop();
        assertThat(broker.isAlive()).isFalse();
        assertThat(Ports.inUse(broker.port())).as("port %d while the broker is stopped", broker.port()).isFalse();
        broker.restart().waitUntilReady(Duration.ofSeconds(60));

        assertThat(broker.bootstrapServers()).isEqualTo(address);
        send(topic, "sent-after-the-outage");
        assertThat(readAndCommit(topic, group, 2)).containsExactly("sent-before-the-outage", "sent-after-the-outage");
        assertThat(readAll(topic, 3)).containsExactly("read-before-the-outage", "sent-before-the-outage",
                "sent-after-the-outage");
    }

    @Test
    void pausedBrokerShouldNotAnswerUntilResumed() throws Exception {
        String topic = "devstack-paused-" + UUID.randomUUID();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "warm-up")).get(30, TimeUnit.SECONDS);
            broker.pause();
            try {
                var pending = producer.send(new ProducerRecord<>(topic, "k", "while-paused"));
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !pending.isDone());
                broker.resume();
                pending.get(30, TimeUnit.SECONDS);
            }
            finally {
                broker.resume();
            }
        }
        assertThat(readAll(topic, 2)).containsExactly("warm-up", "while-paused");
    }

    private void send(String topic, String value) throws Exception {
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
    }

    private List<String> readAll(String topic, int expected) {
        return readAndCommit(topic, "devstack-test-" + UUID.randomUUID(), expected);
    }

    /** Reads at least {@code expected} records as {@code group}, commits, and returns what it read. */
    private List<String> readAndCommit(String topic, String group, int expected) {
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
            consumer.commitSync(Duration.ofSeconds(30));
        }
        return values;
    }
}
