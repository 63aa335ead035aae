package dev.strangler.users.reconciliation;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.service.support.ReferenceDigests;
import dev.strangler.users.support.RealInfrastructure;
import dev.strangler.users.support.UserFixtures;
import dev.strangler.users.support.UserServiceIntegrationTest;
import dev.strangler.users.support.WithAdminPassword;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digests the gateway's reconciliation compares (service-support's endpoints over this service's users table):
 * one per non-empty bucket of ids, changing whenever any field or the version of a row in it changes, equal to the
 * reference digests the monolith's answers are held to, and the rows of a bounded range; republishing puts the
 * current state of the named users on Kafka. All of it only for the admin account.
 */
@UserServiceIntegrationTest
@WithAdminPassword
class ReconciliationApiIntegrationTests {

    private static final String BASE = "/admin/reconciliation/users/";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    UserFixtures users;

    long own;

    @BeforeEach
    void someReplicatedAndSomeOwnUsers() {
        users = new UserFixtures(jdbc);
        for (long id = 1; id <= 25; id++) {
            users.replicated(id, "user" + id + "@example.com", "User " + id, id % 3);
        }
        own = users.user("own@example.com", "Created Here");
    }

    private MvcTestResult get(String path) {
        return mvc.get().uri(BASE + path).header(HttpHeaders.AUTHORIZATION, WithAdminPassword.AUTHORIZATION)
                .exchange();
    }

    private MvcTestResult republish(String body) {
        return mvc.post().uri(BASE + "republish").header(HttpHeaders.AUTHORIZATION, WithAdminPassword.AUTHORIZATION)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void everyEndpointNeedsTheAdminAccount() {
        for (var request : List.of(mvc.get().uri(BASE + "buckets?width=10"), mvc.get().uri(BASE + "rows?from=0&to=5"),
                mvc.post().uri(BASE + "republish").contentType(MediaType.APPLICATION_JSON).content("{\"ids\": [1]}"),
                mvc.get().uri(BASE + "buckets?width=10").header(HttpHeaders.AUTHORIZATION, "Basic b3BlcmF0b3I6Z3Vlc3M="))) {
            assertThat(request.exchange()).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Long.class)).isZero();
    }

    @Test
    void bucketsShouldCoverEveryUserOncePerNonEmptyRangeOfIds() {
        var json = assertThat(buckets(10)).bodyJson();
        json.extractingPath("$.count").isEqualTo(26);
        json.extractingPath("$.buckets[*].from").isEqualTo(List.of(0, 10, 20, 1_000_000_000));
        json.extractingPath("$.buckets[*].count").isEqualTo(List.of(9, 10, 6, 1));
    }

    @Test
    void digestsShouldBeTheReferenceDigestsTheMonolithAnswersToo() {
        jdbc.execute("truncate users");
        Instant created = Instant.parse("2026-11-01T09:00:00.123456Z");
        Instant updated = Instant.parse("2026-11-02T10:30:00Z");
        for (long id = 1; id <= 3; id++) {
            jdbc.update("insert into users (id, email, name, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?)",
                    id, "user" + id + "@example.com", "Ünïcode " + id, Timestamp.from(created),
                    Timestamp.from(updated.plusSeconds(id)), id * 2);
        }
        List<String> rows = LongStream.rangeClosed(1, 3).mapToObj(id -> ReferenceDigests.row(id,
                "user" + id + "@example.com", "Ünïcode " + id, id * 2, created, updated.plusSeconds(id))).toList();

        assertThat(buckets(10)).bodyJson().extractingPath("$.buckets[0].digest")
                .isEqualTo(ReferenceDigests.bucket(rows));
        assertThat(get("rows?from=0&to=10")).hasStatusOk().bodyJson().extractingPath("$[*].digest").isEqualTo(rows);
    }

    @Test
    void anyChangeOfAFieldOrTheVersionShouldChangeItsBucketsDigestOnly() {
        String before = digestOfBucket(1);
        String firstBucket = digestOfBucket(0);

        jdbc.update("update users set name = 'User 12 renamed' where id = 12");
        assertThat(digestOfBucket(1)).isNotEqualTo(before);
        assertThat(digestOfBucket(0)).isEqualTo(firstBucket);

        jdbc.update("update users set version = version + 1 where id = 3");
        assertThat(digestOfBucket(0)).isNotEqualTo(firstBucket);

        String stable = digestOfBucket(2);
        jdbc.update("update users set updated_at = updated_at + interval '1 microsecond' where id = 21");
        assertThat(digestOfBucket(2)).as("microsecond precision").isNotEqualTo(stable);
    }

    @Test
    void rowsShouldListIdVersionAndDigestOfARangeInIdOrder() {
        assertThat(get("rows?from=10&to=13")).hasStatusOk()
                .bodyJson().extractingPath("$[*].id").isEqualTo(List.of(10, 11, 12));
        assertThat(get("rows?from=12&to=13")).bodyJson().extractingPath("$[0].version").isEqualTo(0);
    }

    @Test
    void unboundedOrNonsenseRequestsShouldBeRefusedWithProblems() {
        for (String query : new String[] {"rows?from=10&to=10", "rows?from=0&to=100001", "rows?from=-1&to=5",
                "rows?from=a&to=5", "rows?from=1", "buckets?width=0", "buckets?width=1000001", "buckets"}) {
            assertThat(get(query)).as(query).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String tooMany = LongStream.rangeClosed(1, 10_001).mapToObj(Long::toString)
                .collect(Collectors.joining(",", "{\"ids\": [", "]}"));
        for (String body : new String[] {tooMany, "{}", "{\"ids\": [1, null]}", "{\"ids\": [\"x\"]}", "not json"}) {
            assertThat(republish(body)).as(body.length() > 40 ? "10,001 ids" : body).hasStatus(400)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(mvc.get().uri("/admin/reconciliation/orders/buckets?width=10")
                .header(HttpHeaders.AUTHORIZATION, WithAdminPassword.AUTHORIZATION))
                .hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Long.class)).isZero();
    }

    @Test
    void republishShouldPutTheCurrentStateOfTheNamedUsersOnKafkaAsUserUpdated() {
        jdbc.update("update users set name = 'Current Name', version = 9 where id = 4");

        assertThat(republish("{\"ids\": [4, %d, 4, 424242]}".formatted(own))).hasStatusOk()
                .bodyJson().extractingPath("$.republished").isEqualTo(2);

        assertThat(jdbc.queryForList("select message_key from event_outbox order by id", String.class))
                .containsExactlyInAnyOrder("4", Long.toString(own));
        try (var topic = new TopicReader(RealInfrastructure.kafka(), "user.updated")) {
            var record = topic.awaitFirst(candidate -> "4".equals(candidate.key())
                    && candidate.value().contains("Current Name"));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("user-service");
            assertThat(CloudEventHeaders.text(record.headers(), "ce_type")).isEqualTo("user.updated");
            assertThat(json.readTree(record.value()).get("version").asLong()).isEqualTo(9);
            topic.awaitFirst(candidate -> Long.toString(own).equals(candidate.key())
                    && candidate.value().contains("own@example.com"));
        }
    }

    private MvcTestResult buckets(long width) {
        var result = get("buckets?width=" + width);
        assertThat(result).hasStatusOk();
        return result;
    }

    private String digestOfBucket(int index) {
        try {
            return json.readTree(buckets(10).getResponse().getContentAsString()).path("buckets").get(index)
                    .path("digest").asString();
        }
        catch (UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
