package dev.strangler.monolith.users;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import dev.strangler.messaging.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith publishes {@code user.created} and {@code user.updated} (ADR 0012) through its outbox, in the
 * transaction of the change: full state, the row version read after the flush, CloudEvents headers, key = user id.
 */
@MonolithIntegrationTest
class UserEventsIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    ShopFixtures shop;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
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

    @Test
    void registrationPublishesUserCreatedWithTheWholeStateAndVersionZero() {
        long id = register("ada@example.com", "Ada Lovelace");
        UUID eventId = eventIdOf(id, "user.created");

        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.created")) {
            var record = topic.awaitFirst(candidate -> hasId(candidate, eventId));

            assertThat(record.key()).isEqualTo(Long.toString(id));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_type")).isEqualTo("user.created");
            assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("monolith");
            assertThat(CloudEventHeaders.text(record.headers(), "ce_subject")).isEqualTo(Long.toString(id));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_specversion")).isEqualTo("1.0");
            assertThat(CloudEventHeaders.text(record.headers(), "content-type")).isEqualTo("application/json");
            JsonNode body = json.readTree(record.value());
            var row = jdbc.queryForMap("select created_at, updated_at from users where id = ?", id);
            assertThat(body.get("id").asLong()).isEqualTo(id);
            assertThat(body.get("email").asString()).isEqualTo("ada@example.com");
            assertThat(body.get("name").asString()).isEqualTo("Ada Lovelace");
            assertThat(Instant.parse(body.get("createdAt").asString()))
                    .isEqualTo(((java.sql.Timestamp) row.get("created_at")).toInstant());
            assertThat(Instant.parse(body.get("updatedAt").asString()))
                    .isEqualTo(((java.sql.Timestamp) row.get("updated_at")).toInstant());
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
                    && json.readTree(record.value()).get("email").asString().equals("linus@example.com")).toList();

            assertThat(ours).extracting(record -> json.readTree(record.value()).get("version").asLong())
                    .containsExactly(1L, 2L);
            assertThat(ours).extracting(record -> json.readTree(record.value()).get("name").asString())
                    .containsExactly("Linus T", "Linus Torvalds");
        }
        assertThat(jdbc.queryForObject("select version from users where id = ?", Long.class, id)).isEqualTo(2);
    }

    @Test
    void aRefusedRegistrationPublishesNothing() {
        shop.user("taken@example.com", "First");

        assertThat(mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"TAKEN@example.com\", \"name\": \"Second\"}")).hasStatus(409);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Integer.class)).isZero();

        // Anything the refused request had published would be on the topic before this later registration's event.
        long later = register("later@example.com", "Later");
        UUID laterEvent = eventIdOf(later, "user.created");
        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.created")) {
            topic.awaitFirst(candidate -> hasId(candidate, laterEvent));
            assertThat(topic.poll()).noneMatch(record -> record.value().contains("\"Second\""));
        }
    }

    @Test
    void registrationThatWouldTakeAServiceIdIsRefusedWith503AndLeavesNoTrace() throws Exception {
        jdbc.execute("alter table users alter column id restart with 999999999");
        long last = register("last@example.com", "Last Monolith Id");
        assertThat(last).isEqualTo(999_999_999L);
        RealInfrastructure.smtp().purgeEmailFromAllMailboxes();
        var before = shop.counts();

        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"first-service@example.com\", \"name\": \"Too Far\"}").exchange();

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("User ids exhausted");
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }
}
