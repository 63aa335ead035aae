package dev.strangler.monolith.users.replication;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.UserEventFixtures;
import dev.strangler.monolith.users.UserChanged;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.strangler.monolith.support.UserEventFixtures.SERVICE;
import static dev.strangler.monolith.support.UserEventFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monolith applies user events of another owner to its legacy table, on a real broker and real PostgreSQL, by the
 * version rule: duplicates, replays, older versions and its own events change nothing; {@code updated} before
 * {@code created} works; a poison message goes to the dead-letter topic and the partition keeps moving.
 */
@MonolithIntegrationTest
@TestPropertySource(properties = {
        "strangler.users.replication.enabled=true",
        // A group of its own that starts at the end of the topics: earlier tests' events are not this test's.
        "strangler.users.replication.group-id=monolith-replication-it",
        "spring.kafka.consumer.auto-offset-reset=latest"})
class UserReplicationIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    EventSender producer;

    @BeforeEach
    void consumerAssigned() {
        producer = new EventSender(kafka, json);
        UserEventFixtures.awaitConsumerAssigned(listeners);
    }

    private double replicated(String outcome) {
        var counter = meters.find("strangler.users.replication").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Sends an event and waits until the consumer has dealt with it one way or another. */
    private void sendAndAwait(String type, String source, UserChanged user, String outcome) {
        double before = replicated(outcome);
        producer.send(type, source, Long.toString(user.id()), user);
        await().atMost(Duration.ofSeconds(30)).until(() -> replicated(outcome) > before);
    }

    private Map<String, Object> row(long id) {
        return jdbc.queryForMap("select id, email, name, created_at, updated_at, version from users where id = ?", id);
    }

    @Test
    void unknownUserIsInsertedWithItsIdAndVersionWithoutWritingTheOutbox() {
        var user = new UserChanged(5001, "grace@example.com", "Grace Hopper", Instant.parse("2026-11-01T09:00:00Z"),
                Instant.parse("2026-11-02T10:30:00.123456Z"), 4);

        sendAndAwait("user.created", SERVICE, user, "applied");

        assertThat(row(5001)).containsEntry("email", "grace@example.com").containsEntry("name", "Grace Hopper")
                .containsEntry("created_at", Timestamp.from(user.createdAt()))
                .containsEntry("updated_at", Timestamp.from(user.updatedAt()))
                .containsEntry("version", 4L);
        // No ping-pong: applying a replicated change publishes nothing.
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Integer.class)).isZero();
        // An explicit id does not move the identity: the monolith's own next id is still its own.
        assertThat(mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"local@example.com\", \"name\": \"Local\"}")).hasStatus(201)
                .bodyJson().extractingPath("$.id").isEqualTo(1);
    }

    @Test
    void duplicatesReplaysAndOlderVersionsChangeNothing() {
        sendAndAwait("user.created", SERVICE, user(5002, "v0", 0), "applied");
        sendAndAwait("user.updated", SERVICE, user(5002, "v1", 1), "applied");
        sendAndAwait("user.updated", SERVICE, user(5002, "v2", 2), "applied");
        var current = row(5002);

        sendAndAwait("user.updated", SERVICE, user(5002, "v2 again", 2), "stale");
        sendAndAwait("user.updated", SERVICE, user(5002, "v1 late", 1), "stale");
        sendAndAwait("user.created", SERVICE, user(5002, "v0 replayed", 0), "stale");

        assertThat(row(5002)).isEqualTo(current).containsEntry("name", "v2").containsEntry("version", 2L);
    }

    @Test
    void updatedBeforeCreatedKeepsTheNewerState() {
        sendAndAwait("user.updated", SERVICE, user(5003, "changed", 1), "applied");
        sendAndAwait("user.created", SERVICE, user(5003, "registered", 0), "stale");

        assertThat(row(5003)).containsEntry("name", "changed").containsEntry("version", 1L);
    }

    @Test
    void ownEventsAreIgnored() {
        sendAndAwait("user.created", "monolith", user(5004, "echo of our own", 7), "own-source");
        assertThat(jdbc.queryForObject("select count(*) from users where id = 5004", Integer.class)).isZero();

        sendAndAwait("user.created", SERVICE, user(5004, "from the service", 0), "applied");
        assertThat(row(5004)).containsEntry("name", "from the service").containsEntry("version", 0L);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAtOnceAndTheNextEventOfItsPartitionIsApplied() {
        var headers = CloudEventHeaders.of(UUID.randomUUID(), "user.updated", SERVICE, Instant.now(), "5005");
        var poison = producer.send("user.updated", "5005", headers, "this is not JSON");
        var unknown = producer.send("user.updated", "5005", CloudEventHeaders.of(UUID.randomUUID(), "user.deleted",
                SERVICE, Instant.now(), "5005"), json.writeValueAsString(user(5005, "deleted?", 9)));
        sendAndAwait("user.updated", SERVICE, user(5005, "after the poison", 1), "applied");

        assertThat(row(5005)).containsEntry("name", "after the poison");
        try (var deadLetters = new TopicReader(RealInfrastructure.kafka(), "user.updated.DLT")) {
            var deadPoison = deadLetters.awaitFirst(record -> originalOffset(record) == poison.getRecordMetadata().offset());
            assertThat(deadPoison.value()).isEqualTo("this is not JSON");
            assertThat(CloudEventHeaders.text(deadPoison.headers(), "strangler-dlt-reason")).isEqualTo("body is not JSON");
            var deadUnknown = deadLetters.awaitFirst(record -> originalOffset(record) == unknown.getRecordMetadata().offset());
            assertThat(CloudEventHeaders.text(deadUnknown.headers(), "strangler-dlt-reason"))
                    .isEqualTo("unknown type user.deleted on user.updated");
        }
        assertThat(meters.get("strangler.events.dead.lettered").tag("topic", "user.updated").counter().count())
                .isGreaterThanOrEqualTo(2);
    }

    private static long originalOffset(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record) {
        var header = record.headers().lastHeader("kafka_dlt-original-offset");
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }
}
