package dev.strangler.monolith.users.backfill;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import dev.strangler.monolith.support.WithAdminPassword;
import dev.strangler.service.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backfill republishes every existing user's current state through the outbox, in batches of their own
 * transactions, and can run again at no harm: consumers keep what they hold by version.
 */
@MonolithIntegrationTest
@WithAdminPassword
class UserBackfillIntegrationTests {

    static final String AUTH = Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    /** Topics outlive the tables; the e-mails of this run tell its events from earlier ones. */
    String run;
    Map<Long, Long> versions;

    @BeforeEach
    void twentyFiveLegacyUsers() {
        run = UUID.randomUUID().toString().substring(0, 8);
        var shop = new ShopFixtures(jdbc);
        versions = new HashMap<>();
        for (int i = 1; i <= 25; i++) {
            long id = shop.user("backfill-" + run + "-" + i + "@example.com", "Legacy " + i);
            jdbc.update("update users set version = ? where id = ?", i % 4, id);
            versions.put(id, (long) (i % 4));
        }
    }

    private JsonNode awaitDone(Http http) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> json.readTree(http.get("/admin/backfill/users", "Authorization", AUTH).body()),
                status -> status.get("state").asString().equals("DONE"));
    }

    @Test
    void publishesEveryUsersCurrentStateAsUserUpdatedInBatchesOfTheirOwnTransaction() {
        var http = new Http(port);

        var started = http.post("/admin/backfill/users", null, "", "Authorization", AUTH);

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/admin/backfill/users"));
        assertThat(json.readTree(started.body()).get("total").asLong()).isEqualTo(25);
        JsonNode done = awaitDone(http);
        assertThat(done.get("published").asLong()).isEqualTo(25);
        assertThat(done.get("total").asLong()).isEqualTo(25);
        assertThat(done.get("startedAt").isNull()).isFalse();
        assertThat(done.get("finishedAt").isNull()).isFalse();

        // Batches of 7: four transactions, and the outbox stamps each row with its transaction's start.
        assertThat(jdbc.queryForObject("select count(distinct created_at) from event_outbox", Integer.class))
                .isEqualTo(4);
        assertThat(jdbc.queryForList("select distinct event_type from event_outbox", String.class))
                .containsExactly("user.updated");

        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.updated")) {
            var ours = await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll().stream()
                    .filter(record -> record.value().contains("backfill-" + run + "-")).toList(), records -> records.size() == 25);
            for (var record : ours) {
                JsonNode body = json.readTree(record.value());
                assertThat(record.key()).isEqualTo(body.get("id").asString());
                assertThat(body.get("version").asLong()).isEqualTo(versions.get(body.get("id").asLong()));
                assertThat(CloudEventHeaders.text(record.headers(), "ce_type")).isEqualTo("user.updated");
                assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("monolith");
            }
        }
    }

    @Test
    void runningItTwicePublishesTheSameStatesAgainAndCountsThem() {
        var http = new Http(port);
        http.post("/admin/backfill/users", null, "", "Authorization", AUTH);
        awaitDone(http);
        assertThat(http.post("/admin/backfill/users", null, "", "Authorization", AUTH).statusCode()).isEqualTo(202);
        assertThat(awaitDone(http).get("published").asLong()).isEqualTo(25);

        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Integer.class)).isEqualTo(50);
        assertThat(jdbc.queryForObject("""
                select count(*) from (select message_key, payload::text from event_outbox
                                      group by message_key, payload::text having count(*) = 2) twice""", Integer.class))
                .isEqualTo(25);
        assertThat(http.get("/actuator/prometheus").body())
                .containsPattern("strangler_backfill_published_total\\{application=\"monolith\",entity=\"users\"} \\d+")
                .contains("strangler_backfill_running{application=\"monolith\",entity=\"users\"} 0.0")
                .containsPattern("strangler_outbox_depth\\{application=\"monolith\"} \\d+")
                .containsPattern("strangler_outbox_oldest_age_seconds\\{application=\"monolith\"} ");
    }
}
