package dev.strangler.users.accounts;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.users.support.RealInfrastructure;
import dev.strangler.users.support.UserFixtures;
import dev.strangler.users.support.UserServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * user-service publishes {@code user.created} and {@code user.updated} (ADR 0012) through its outbox, in the
 * transaction of the change: full state, the row version read after the flush, CloudEvents headers with source
 * {@code user-service}, key = user id; a change that rolls back publishes nothing.
 */
@UserServiceIntegrationTest
class UserEventsIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PlatformTransactionManager transactionManager;

    UserFixtures users;

    @BeforeEach
    void setUp() {
        users = new UserFixtures(jdbc);
    }

    private long register(String email, String name) {
        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"%s\", \"name\": \"%s\"}".formatted(email, name)).exchange();
        assertThat(result).hasStatus(201);
        return jdbc.queryForObject("select id from users where email = ?", Long.class, email);
    }

    private UUID eventIdOf(long userId, String type) {
        return jdbc.queryForObject("select event_id from event_outbox where message_key = ? and event_type = ? "
                + "order by id desc limit 1", UUID.class, Long.toString(userId), type);
    }

    private static boolean hasId(ConsumerRecord<String, String> record, UUID id) {
        return id.toString().equals(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID));
    }

    private long outboxRows() {
        return jdbc.queryForObject("select count(*) from event_outbox", Long.class);
    }

    @Test
    void registrationPublishesUserCreatedWithTheWholeStateAndVersionZero() {
        long id = register("ada@example.com", "Ada Lovelace");
        UUID eventId = eventIdOf(id, "user.created");

        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.created")) {
            var record = topic.awaitFirst(candidate -> hasId(candidate, eventId));

            assertThat(record.key()).isEqualTo(Long.toString(id));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_type")).isEqualTo("user.created");
            assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("user-service");
            assertThat(CloudEventHeaders.text(record.headers(), "ce_subject")).isEqualTo(Long.toString(id));
            JsonNode body = json.readTree(record.value());
            var row = jdbc.queryForMap("select created_at, updated_at from users where id = ?", id);
            assertThat(body.get("id").asLong()).isEqualTo(id).isGreaterThanOrEqualTo(UserFixtures.FIRST_SERVICE_ID);
            assertThat(body.get("email").asString()).isEqualTo("ada@example.com");
            assertThat(body.get("name").asString()).isEqualTo("Ada Lovelace");
            assertThat(Instant.parse(body.get("createdAt").asString()))
                    .isEqualTo(((Timestamp) row.get("created_at")).toInstant());
            assertThat(Instant.parse(body.get("updatedAt").asString()))
                    .isEqualTo(((Timestamp) row.get("updated_at")).toInstant());
            assertThat(body.get("version").asLong()).isZero();
            assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "email", "name", "createdAt", "updatedAt",
                    "version");
        }
    }

    @Test
    void eachChangePublishesUserUpdatedWithTheRowVersionAfterTheChange() {
        long id = register("linus@example.com", "Linus");
        for (String name : new String[] {"Linus T", "Linus Torvalds"}) {
            assertThat(mvc.put().uri("/api/users/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"email\": \"linus@example.com\", \"name\": \"%s\"}".formatted(name))).hasStatusOk();
        }
        UUID last = eventIdOf(id, "user.updated");

        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.updated")) {
            topic.awaitFirst(candidate -> hasId(candidate, last));
            var ours = topic.poll().stream().filter(record -> record.key().equals(Long.toString(id))
                    && "user-service".equals(CloudEventHeaders.text(record.headers(), "ce_source"))
                    && json.readTree(record.value()).get("email").asString().equals("linus@example.com")).toList();

            assertThat(ours).extracting(record -> json.readTree(record.value()).get("version").asLong())
                    .containsExactly(1L, 2L);
            assertThat(ours).extracting(record -> json.readTree(record.value()).get("name").asString())
                    .containsExactly("Linus T", "Linus Torvalds");
        }
        assertThat(users.versionOf(id)).isEqualTo(2);
    }

    @Test
    void aReplicatedUserChangedHereContinuesFromItsVersion() {
        users.replicated(42, "grace@example.com", "Grace", 7);

        assertThat(mvc.put().uri("/api/users/42").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"grace@example.com\", \"name\": \"Grace Hopper\"}")).hasStatusOk();

        UUID event = eventIdOf(42, "user.updated");
        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.updated")) {
            var record = topic.awaitFirst(candidate -> hasId(candidate, event));
            assertThat(json.readTree(record.value()).get("version").asLong()).isEqualTo(8);
        }
    }

    @Test
    void aChangeThatRollsBackPublishesNothing() {
        var transactions = new TransactionTemplate(transactionManager);

        // The registration appends its event, then the surrounding transaction rolls back: neither row survives.
        transactions.executeWithoutResult(tx -> {
            accounts.register(new UserRequest("rolled-back@example.com", "Rolled Back"));
            assertThat(outboxRows()).isOne();
            tx.setRollbackOnly();
        });
        assertThat(mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"TAKEN@example.com\", \"name\": \"Second\"}")).hasStatus(201);
        assertThat(mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"taken@example.com\", \"name\": \"Refused\"}")).hasStatus(409);

        assertThat(users.count()).isOne();
        assertThat(outboxRows()).isOne();
        // Anything the rolled-back or refused changes had published would be on the topic before this later event.
        long later = register("later@example.com", "Later");
        UUID laterEvent = eventIdOf(later, "user.created");
        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.created")) {
            topic.awaitFirst(candidate -> hasId(candidate, laterEvent));
            assertThat(topic.poll()).noneMatch(record -> record.value().contains("rolled-back@example.com")
                    || record.value().contains("\"Refused\""));
        }
    }
}
