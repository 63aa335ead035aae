package dev.strangler.users.replication;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.users.accounts.UserChanged;
import dev.strangler.users.support.RealInfrastructure;
import dev.strangler.users.support.UserEventFixtures;
import dev.strangler.users.support.UserFixtures;
import dev.strangler.users.support.UserServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

import static dev.strangler.users.support.UserEventFixtures.MONOLITH;
import static dev.strangler.users.support.UserEventFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * user-service applies the monolith's user events to its own table, on a real broker and real PostgreSQL, by the
 * version rule: duplicates, replays, older versions and its own events change nothing; {@code updated} before
 * {@code created} works; applying never writes the outbox; a poison message goes to the dead-letter topic and the
 * partition keeps moving; replicated users keep the monolith's ids and users created here stay in their own range.
 */
@UserServiceIntegrationTest
@TestPropertySource(properties = {
        "strangler.users.replication.enabled=true",
        // A group of its own that starts at the end of the topics: earlier tests' events are not this test's.
        "strangler.users.replication.group-id=user-service-replication-it",
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

    private long outboxRows() {
        return jdbc.queryForObject("select count(*) from event_outbox", Long.class);
    }

    @Test
    void unknownUserIsInsertedWithItsIdAndVersionWithoutWritingTheOutbox() {
        var user = new UserChanged(5001, "grace@example.com", "Grace Hopper", Instant.parse("2026-11-01T09:00:00Z"),
                Instant.parse("2026-11-02T10:30:00.123456Z"), 4);

        sendAndAwait("user.created", MONOLITH, user, "applied");

        assertThat(row(5001)).containsEntry("email", "grace@example.com").containsEntry("name", "Grace Hopper")
                .containsEntry("created_at", Timestamp.from(user.createdAt()))
                .containsEntry("updated_at", Timestamp.from(user.updatedAt()))
                .containsEntry("version", 4L);
        // No ping-pong: applying a replicated change publishes nothing.
        assertThat(outboxRows()).isZero();
    }

    @Test
    void duplicatesReplaysAndOlderVersionsChangeNothingAndNeverWriteTheOutbox() {
        sendAndAwait("user.created", MONOLITH, user(5002, "v0", 0), "applied");
        sendAndAwait("user.updated", MONOLITH, user(5002, "v1", 1), "applied");
        sendAndAwait("user.updated", MONOLITH, user(5002, "v2", 2), "applied");
        var current = row(5002);

        sendAndAwait("user.updated", MONOLITH, user(5002, "v2 again", 2), "stale");
        sendAndAwait("user.updated", MONOLITH, user(5002, "v1 late", 1), "stale");
        sendAndAwait("user.created", MONOLITH, user(5002, "v0 replayed", 0), "stale");

        assertThat(row(5002)).isEqualTo(current).containsEntry("name", "v2").containsEntry("version", 2L);
        assertThat(outboxRows()).isZero();
    }

    @Test
    void updatedBeforeCreatedKeepsTheNewerState() {
        sendAndAwait("user.updated", MONOLITH, user(5003, "changed", 1), "applied");
        sendAndAwait("user.created", MONOLITH, user(5003, "registered", 0), "stale");

        assertThat(row(5003)).containsEntry("name", "changed").containsEntry("version", 1L);
    }

    @Test
    void ownEventsAreIgnored() {
        sendAndAwait("user.created", "user-service", user(5004, "echo of our own", 7), "own-source");
        assertThat(jdbc.queryForObject("select count(*) from users where id = 5004", Integer.class)).isZero();

        sendAndAwait("user.created", MONOLITH, user(5004, "from the monolith", 0), "applied");
        assertThat(row(5004)).containsEntry("name", "from the monolith").containsEntry("version", 0L);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAtOnceAndTheNextEventOfItsPartitionIsApplied() {
        var headers = CloudEventHeaders.of(UUID.randomUUID(), "user.updated", MONOLITH, Instant.now(), "5005");
        var poison = producer.send("user.updated", "5005", headers, "this is not JSON");
        var unknown = producer.send("user.updated", "5005", CloudEventHeaders.of(UUID.randomUUID(), "user.deleted",
                MONOLITH, Instant.now(), "5005"), json.writeValueAsString(user(5005, "deleted?", 9)));
        var incomplete = producer.send("user.updated", "5005", CloudEventHeaders.of(UUID.randomUUID(), "user.updated",
                MONOLITH, Instant.now(), "5005"), "{\"id\": 5005, \"name\": \"no e-mail\", \"version\": 3}");
        sendAndAwait("user.updated", MONOLITH, user(5005, "after the poison", 1), "applied");

        assertThat(row(5005)).containsEntry("name", "after the poison").containsEntry("version", 1L);
        try (var deadLetters = new TopicReader(RealInfrastructure.kafka(), "user.updated.DLT")) {
            var deadPoison = deadLetters.awaitFirst(record -> originalOffset(record) == poison.getRecordMetadata().offset());
            assertThat(deadPoison.value()).isEqualTo("this is not JSON");
            assertThat(CloudEventHeaders.text(deadPoison.headers(), "strangler-dlt-reason")).isEqualTo("body is not JSON");
            var deadUnknown = deadLetters.awaitFirst(record -> originalOffset(record) == unknown.getRecordMetadata().offset());
            assertThat(CloudEventHeaders.text(deadUnknown.headers(), "strangler-dlt-reason"))
                    .isEqualTo("unknown type user.deleted on user.updated");
            var deadIncomplete = deadLetters.awaitFirst(record ->
                    originalOffset(record) == incomplete.getRecordMetadata().offset());
            assertThat(deadIncomplete.value()).contains("no e-mail");
        }
        assertThat(replicated("applied")).isPositive();
        assertThat(meters.get("strangler.events.dead.lettered").tag("topic", "user.updated").counter().count())
                .isGreaterThanOrEqualTo(3);
        assertThat(outboxRows()).isZero();
    }

    @Test
    void replicatedUsersKeepTheMonolithsIdsAndUsersCreatedHereTakeIdsAboveThem() {
        sendAndAwait("user.created", MONOLITH, user(7, "seven", 0), "applied");
        // The last id the monolith may ever hand out (ADR 0013): still no collision with the service's first.
        sendAndAwait("user.created", MONOLITH, user(999_999_999L, "the last monolith id", 3), "applied");

        var created = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"here@example.com\", \"name\": \"Created Here\"}").exchange();

        assertThat(created).hasStatus(201);
        // Inserts with explicit ids did not move the identity: the service's first id is still its first.
        assertThat(created).bodyJson().extractingPath("$.id").convertTo(Long.class)
                .isEqualTo(UserFixtures.FIRST_SERVICE_ID);
        assertThat(mvc.get().uri("/api/users/7")).hasStatusOk().bodyJson().extractingPath("$.name").isEqualTo("seven");
        assertThat(mvc.get().uri("/api/users/999999999")).hasStatusOk()
                .bodyJson().extractingPath("$.name").isEqualTo("the last monolith id");
        assertThat(jdbc.queryForList("select id from users order by id", Long.class))
                .containsExactly(7L, 999_999_999L, UserFixtures.FIRST_SERVICE_ID);
    }

    private static long originalOffset(ConsumerRecord<?, ?> record) {
        var header = record.headers().lastHeader("kafka_dlt-original-offset");
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }
}
