package dev.strangler.messaging.inbound;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.inbound.InboundTestApplication.Things;
import dev.strangler.messaging.support.TestInfrastructure;
import dev.strangler.messaging.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.context.ContextConfiguration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer error handler every service gets, on a real broker and real PostgreSQL: a poison message goes to
 * {@code <topic>.DLT} at once with its reason and the partition keeps moving; a transient failure is retried until it
 * passes; anything else is retried a few times, then dead-lettered.
 */
@SpringBootTest(classes = InboundTestApplication.class, properties = {
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "strangler.events.retry.initial-interval=100ms",
        "strangler.events.retry.max-interval=1s",
        "strangler.events.retry.max-retries=2"})
@ContextConfiguration(initializers = TestInfrastructure.class)
class DeadLetterIntegrationTests {

    static final String TOPIC = InboundTestApplication.TOPIC;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    static TopicReader deadLetters;

    @BeforeAll
    static void table() {
        TestInfrastructure.postgres();
        TestInfrastructure.jdbc(TestInfrastructure.DATABASE)
                .execute("create table if not exists things (id bigint primary key, name text not null, version bigint not null)");
    }

    @AfterAll
    static void closeReader() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    @BeforeEach
    void emptyTable() {
        jdbc.execute("truncate things");
    }

    private static Headers headers(String type) {
        return CloudEventHeaders.of(UUID.randomUUID(), type, "inbound-test-producer", Instant.now(), "subject");
    }

    private SendResult<String, String> send(String topic, String key, Headers headers, String body) throws Exception {
        return kafka.send(new ProducerRecord<>(topic, null, key, body, headers)).get();
    }

    private SendResult<String, String> sendThing(String key, long id, String name, long version) throws Exception {
        return send(TOPIC, key, headers("thing.changed"), """
                {"id": %d, "name": "%s", "version": %d}""".formatted(id, name, version));
    }

    private String nameOf(long id) {
        return jdbc.query("select name from things where id = ?", rs -> rs.next() ? rs.getString(1) : null, id);
    }

    private ConsumerRecord<String, String> deadLetterOf(String topic, SendResult<String, String> sent) {
        if (deadLetters == null) {
            deadLetters = new TopicReader(TestInfrastructure.kafka(), topic + ".DLT");
        }
        var original = sent.getRecordMetadata();
        return await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.poll().stream()
                .filter(record -> header(record, "kafka_dlt-original-offset").equals(Long.toString(original.offset()))
                        && header(record, "kafka_dlt-original-partition").equals(Integer.toString(original.partition()))
                        && header(record, "kafka_dlt-original-topic").equals(topic))
                .findFirst().orElse(null), found -> found != null);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        if (header == null) {
            return "";
        }
        // spring-kafka writes the original partition and offset as binary numbers.
        return switch (name) {
            case "kafka_dlt-original-offset" -> Long.toString(java.nio.ByteBuffer.wrap(header.value()).getLong());
            case "kafka_dlt-original-partition" -> Integer.toString(java.nio.ByteBuffer.wrap(header.value()).getInt());
            default -> new String(header.value(), StandardCharsets.UTF_8);
        };
    }

    private static int callsOf(SendResult<String, String> sent) {
        var metadata = sent.getRecordMetadata();
        var calls = Things.CALLS.get(metadata.partition() + "@" + metadata.offset());
        return calls == null ? 0 : calls.get();
    }

    @Test
    void notJsonGoesToTheDeadLetterTopicAtOnceAndTheNextEventOfThePartitionIsApplied() throws Exception {
        var poison = send(TOPIC, "k1", headers("thing.changed"), "{not json");
        var next = sendThing("k1", 1, "after the poison", 1);

        var deadLetter = deadLetterOf(TOPIC, poison);
        assertThat(deadLetter.value()).isEqualTo("{not json");
        assertThat(deadLetter.key()).isEqualTo("k1");
        assertThat(header(deadLetter, "strangler-dlt-reason")).isEqualTo("body is not JSON");
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).isNotEmpty();
        assertThat(next.getRecordMetadata().partition()).isEqualTo(poison.getRecordMetadata().partition());
        await().atMost(Duration.ofSeconds(30)).until(() -> "after the poison".equals(nameOf(1)));
        assertThat(callsOf(poison)).isOne();
    }

    @Test
    void missingCloudEventsHeadersAndUnknownTypesAreDeadLetteredWithTheirReason() throws Exception {
        Headers noType = headers("thing.changed");
        noType.remove(CloudEventHeaders.TYPE);
        Headers noId = headers("thing.changed");
        noId.remove(CloudEventHeaders.ID);

        var withoutType = send(TOPIC, "k2", noType, "{}");
        var withoutId = send(TOPIC, "k2", noId, "{}");
        var unknown = send(TOPIC, "k2", headers("thing.exploded"), "{}");
        var wrongShape = send(TOPIC, "k2", headers("thing.changed"), "{\"id\": 2}");
        var plain = send(TOPIC, "k2", new RecordHeaders(), "{\"id\": 2, \"name\": \"x\", \"version\": 1}");

        assertThat(header(deadLetterOf(TOPIC, withoutType), "strangler-dlt-reason")).isEqualTo("missing ce_type header");
        assertThat(header(deadLetterOf(TOPIC, withoutId), "strangler-dlt-reason")).isEqualTo("missing ce_id header");
        assertThat(header(deadLetterOf(TOPIC, unknown), "strangler-dlt-reason"))
                .isEqualTo("unknown type thing.exploded on inbound.it.things");
        assertThat(header(deadLetterOf(TOPIC, wrongShape), "strangler-dlt-reason"))
                .startsWith("body of thing.changed does not fit ThingChanged");
        assertThat(header(deadLetterOf(TOPIC, plain), "strangler-dlt-reason")).isEqualTo("missing ce_id header");
        for (var poison : List.of(withoutType, withoutId, unknown, wrongShape, plain)) {
            assertThat(callsOf(poison)).isOne();
        }
        assertThat(meters.get("strangler.events.dead.lettered").tag("topic", TOPIC).counter().count())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void valueThatCannotBeDeserializedIsDeadLetteredWithItsOriginalBytes() throws Exception {
        var poison = send(InboundTestApplication.TYPED_TOPIC, "k3", headers("thing.changed"), "<thing/>");
        send(InboundTestApplication.TYPED_TOPIC, "k3", headers("thing.changed"), """
                {"id": 3, "name": "typed", "version": 1}""");

        var deadLetter = deadLetterOfTyped(poison);
        assertThat(deadLetter.value()).isEqualTo("<thing/>");
        assertThat(header(deadLetter, "strangler-dlt-reason")).startsWith("not deserializable:");
        await().atMost(Duration.ofSeconds(30)).until(() -> "typed".equals(nameOf(3)));
    }

    private ConsumerRecord<String, String> deadLetterOfTyped(SendResult<String, String> sent) {
        try (var typedDeadLetters = new TopicReader(TestInfrastructure.kafka(), InboundTestApplication.TYPED_TOPIC + ".DLT")) {
            var original = sent.getRecordMetadata();
            return await().atMost(Duration.ofSeconds(30)).until(() -> typedDeadLetters.poll().stream()
                    .filter(record -> header(record, "kafka_dlt-original-offset").equals(Long.toString(original.offset())))
                    .findFirst().orElse(null), found -> found != null);
        }
    }

    @Test
    void transientDatabaseFailureIsRetriedUntilItPassesAndNothingIsDeadLettered() throws Exception {
        try (Connection migration = DriverManager.getConnection(TestInfrastructure.postgres().jdbcUrl(
                TestInfrastructure.DATABASE), "postgres", "postgres")) {
            migration.setAutoCommit(false);
            migration.createStatement().execute("lock table things in access exclusive mode");

            var sent = sendThing("k4", 4, "after the lock", 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> callsOf(sent) >= 4);
            migration.rollback();

            await().atMost(Duration.ofSeconds(30)).until(() -> "after the lock".equals(nameOf(4)));
        }
    }

    @Test
    void otherFailureIsRetriedAFewTimesThenDeadLettered() throws Exception {
        var failing = sendThing("k5", 5, "explode", 1);
        var next = sendThing("k5", 5, "fine", 2);

        var deadLetter = deadLetterOf(TOPIC, failing);
        assertThat(header(deadLetter, "strangler-dlt-reason"))
                .isEqualTo("failed after retries: IllegalStateException: cannot handle explode");
        assertThat(callsOf(failing)).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> "fine".equals(nameOf(5)));
        assertThat(callsOf(next)).isOne();
    }
}
