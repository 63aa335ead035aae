package dev.strangler.orders.users;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.orders.support.Events;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import dev.strangler.orders.support.RealInfrastructure;
import dev.strangler.orders.support.WithReplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users replica follows user.created/user.updated of every source on a real broker and real PostgreSQL, by the
 * version rule: duplicates and older versions change nothing, either owner's events apply, {@code updated} before
 * {@code created} keeps the newer state, nothing is published, and poison goes to the dead-letter topic.
 */
@OrderServiceIntegrationTest
@WithReplication
class UserReplicaIntegrationTests {

    static final String COUNTER = "strangler.users.replication";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    UserReplica replica;

    EventSender producer;

    @BeforeEach
    void consumerAssigned() {
        producer = new EventSender(kafka, json);
        EventSender.awaitAssigned(listeners, UserReplication.LISTENER, 6);
    }

    /** A user event's whole body, as its owners publish it (the replica keeps only some of it). */
    static Map<String, Object> user(long id, String name, long version) {
        return Map.of("id", id, "email", "user" + id + "@example.com", "name", name,
                "createdAt", "2026-11-01T09:00:00Z", "updatedAt", "2026-11-01T09:00:00Z", "version", version);
    }

    private void sendAndAwait(String type, String source, Map<String, Object> user, String outcome) {
        Events.sendAndAwait(meters, COUNTER, outcome,
                () -> producer.send(type, source, user.get("id").toString(), user));
    }

    private Map<String, Object> row(long id) {
        return jdbc.queryForMap("select id, email, name, version from users where id = ?", id);
    }

    @Test
    void usersOfEitherOwnerAreKeptByTheVersionRuleWithoutPublishing() {
        sendAndAwait("user.created", "monolith", user(42, "v0", 0), "applied");
        assertThat(replica.exists(42)).isTrue();
        sendAndAwait("user.updated", "user-service", user(42, "v1", 1), "applied");
        sendAndAwait("user.updated", "monolith", user(42, "v1 again", 1), "stale");
        sendAndAwait("user.created", "monolith", user(42, "v0 replayed", 0), "stale");

        assertThat(row(42)).containsEntry("email", "user42@example.com").containsEntry("name", "v1")
                .containsEntry("version", 1L);
        assertThat(replica.exists(43)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Long.class)).isZero();
    }

    @Test
    void updatedBeforeCreatedKeepsTheNewerState() {
        sendAndAwait("user.updated", "user-service", user(1_000_000_005L, "changed", 1), "applied");
        sendAndAwait("user.created", "user-service", user(1_000_000_005L, "registered", 0), "stale");

        assertThat(row(1_000_000_005L)).containsEntry("name", "changed").containsEntry("version", 1L);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextEventOfItsPartitionIsApplied() {
        var poison = producer.send("user.updated", "45", CloudEventHeaders.of(UUID.randomUUID(), "user.updated",
                "monolith", Instant.now(), "45"), "{\"id\": 45, \"name\": \"no e-mail\", \"version\": 3}");
        sendAndAwait("user.updated", "monolith", user(45, "after the poison", 1), "applied");

        assertThat(row(45)).containsEntry("name", "after the poison");
        try (var deadLetters = new TopicReader(RealInfrastructure.kafka(), "user.updated.DLT")) {
            var dead = deadLetters.awaitFirst(record ->
                    Events.originalOffset(record) == poison.getRecordMetadata().offset());
            assertThat(dead.value()).contains("no e-mail");
        }
    }
}
