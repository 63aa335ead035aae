package dev.strangler.monolith.users.reconciliation;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.WithAdminPassword;
import dev.strangler.service.support.Http;
import dev.strangler.service.support.ReferenceDigests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith answers the gateway's reconciliation of users with the very endpoints and SQL user-service answers
 * with (service-support's): the same reference digests for the same rows, bounded requests only, the admin account
 * only; republishing puts the current state of the named users on Kafka through the outbox.
 */
@MonolithIntegrationTest
@WithAdminPassword
class ReconciliationApiIntegrationTests {

    private static final String BASE = "/admin/reconciliation/users/";
    private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00.123456Z");
    private static final Instant UPDATED = Instant.parse("2026-11-02T10:30:00Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    Http http;

    @BeforeEach
    void threeUsersAsUserServiceHasThemInItsTest() {
        http = new Http(port);
        for (long id = 1; id <= 3; id++) {
            jdbc.update("insert into users (id, email, name, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?)",
                    id, "user" + id + "@example.com", "Ünïcode " + id, Timestamp.from(CREATED),
                    Timestamp.from(UPDATED.plusSeconds(id)), id * 2);
        }
    }

    private HttpResponse<String> get(String path) {
        return http.get(BASE + path, "Authorization", Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD));
    }

    private HttpResponse<String> republish(String body) {
        return http.post(BASE + "republish", "application/json", body, "Authorization",
                Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD));
    }

    private long outboxRows() {
        return jdbc.queryForObject("select count(*) from event_outbox", Long.class);
    }

    @Test
    void everyEndpointNeedsTheAdminAccount() {
        for (var response : List.of(http.get(BASE + "buckets?width=10"), http.get(BASE + "rows?from=0&to=5"),
                http.post(BASE + "republish", "application/json", "{\"ids\": [1]}"),
                http.get(BASE + "buckets?width=10", "Authorization", Http.basic(WithAdminPassword.USER, "guess")))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(outboxRows()).isZero();
    }

    @Test
    void digestsShouldBeTheReferenceDigestsUserServiceAnswersToo() {
        List<String> rows = LongStream.rangeClosed(1, 3).mapToObj(id -> ReferenceDigests.row(id,
                "user" + id + "@example.com", "Ünïcode " + id, id * 2, CREATED, UPDATED.plusSeconds(id))).toList();

        var buckets = get("buckets?width=10");
        assertThat(buckets.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(buckets.body());
        assertThat(body.get("width").asLong()).isEqualTo(10);
        assertThat(body.get("count").asLong()).isEqualTo(3);
        assertThat(body.get("buckets")).hasSize(1);
        assertThat(body.get("buckets").get(0).get("from").asLong()).isZero();
        assertThat(body.get("buckets").get(0).get("digest").asString()).isEqualTo(ReferenceDigests.bucket(rows));

        var rowsAnswer = get("rows?from=2&to=4");
        assertThat(rowsAnswer.statusCode()).isEqualTo(200);
        List<String> digests = new ArrayList<>();
        json.readTree(rowsAnswer.body()).forEach(row -> digests.add(row.get("digest").asString()));
        assertThat(digests).containsExactlyElementsOf(rows.subList(1, 3));
        assertThat(json.readTree(rowsAnswer.body()).get(1).get("version").asLong()).isEqualTo(6);
    }

    @Test
    void unboundedOrNonsenseRequestsShouldBeRefusedWithProblems() {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String query : new String[] {"rows?from=10&to=10", "rows?from=0&to=100001", "rows?from=-1&to=5",
                "rows?from=a&to=5", "buckets?width=0", "buckets"}) {
            answers.add(get(query));
        }
        String tooMany = LongStream.rangeClosed(1, 10_001).mapToObj(Long::toString)
                .collect(Collectors.joining(",", "{\"ids\": [", "]}"));
        for (String body : new String[] {tooMany, "{}", "{\"ids\": [1, null]}", "not json"}) {
            answers.add(republish(body));
        }
        for (var answer : answers) {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(http.get("/admin/reconciliation/payments/buckets?width=10", "Authorization",
                Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD)).statusCode()).isEqualTo(404);
        assertThat(outboxRows()).isZero();
    }

    @Test
    void republishShouldPutTheCurrentStateOfTheNamedUsersOnKafkaAsUserUpdated() {
        jdbc.update("update users set name = 'Current Name', version = 9 where id = 2");

        var answer = republish("{\"ids\": [2, 3, 2, 424242]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).get("republished").asLong()).isEqualTo(2);
        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.updated")) {
            var record = topic.awaitFirst(candidate -> "2".equals(candidate.key())
                    && candidate.value().contains("Current Name"));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("monolith");
            assertThat(CloudEventHeaders.text(record.headers(), "ce_type")).isEqualTo("user.updated");
            JsonNode user = json.readTree(record.value());
            assertThat(user.get("version").asLong()).isEqualTo(9);
            assertThat(Instant.parse(user.get("createdAt").asString())).isEqualTo(CREATED);
            topic.awaitFirst(candidate -> "3".equals(candidate.key()) && candidate.value().contains("Ünïcode 3"));
        }
    }
}
