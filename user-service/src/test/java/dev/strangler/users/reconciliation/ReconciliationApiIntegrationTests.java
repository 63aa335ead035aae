package dev.strangler.users.reconciliation;

import dev.strangler.users.support.UserFixtures;
import dev.strangler.users.support.UserServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digests the gateway's reconciliation compares: one per non-empty bucket of ids, changing whenever any field or
 * the version of a row in it changes, and the rows of a bounded range.
 */
@UserServiceIntegrationTest
class ReconciliationApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    UserFixtures users;

    @BeforeEach
    void someReplicatedAndSomeOwnUsers() {
        users = new UserFixtures(jdbc);
        for (long id = 1; id <= 25; id++) {
            users.replicated(id, "user" + id + "@example.com", "User " + id, id % 3);
        }
        users.user("own@example.com", "Created Here");
    }

    @Test
    void bucketsShouldCoverEveryUserOncePerNonEmptyRangeOfIds() {
        var json = assertThat(buckets(10)).bodyJson();
        json.extractingPath("$.count").isEqualTo(26);
        json.extractingPath("$.buckets[*].from").isEqualTo(java.util.List.of(0, 10, 20, 1_000_000_000));
        json.extractingPath("$.buckets[*].count").isEqualTo(java.util.List.of(9, 10, 6, 1));
    }

    @Test
    void anyChangeOfAFieldOrTheVersionShouldChangeItsBucketsDigestOnly() throws Exception {
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
        assertThat(mvc.get().uri("/admin/reconciliation/users/rows?from=10&to=13").exchange())
                .hasStatusOk()
                .bodyJson().extractingPath("$[*].id").isEqualTo(java.util.List.of(10, 11, 12));
        assertThat(mvc.get().uri("/admin/reconciliation/users/rows?from=12&to=13").exchange())
                .bodyJson().extractingPath("$[0].version").isEqualTo(0);
    }

    @Test
    void unboundedOrNonsenseRangesShouldBeRefusedWithProblems() {
        for (String query : new String[] {"rows?from=10&to=10", "rows?from=0&to=100001", "rows?from=-1&to=5",
                "rows?from=a&to=5", "buckets?width=0", "buckets"}) {
            assertThat(mvc.get().uri("/admin/reconciliation/users/" + query).exchange()).as(query)
                    .hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult buckets(long width) {
        var result = mvc.get().uri("/admin/reconciliation/users/buckets?width={width}", width).exchange();
        assertThat(result).hasStatusOk();
        return result;
    }

    private String digestOfBucket(int index) {
        try {
            return digestIn(buckets(10).getResponse().getContentAsString(), index);
        }
        catch (java.io.UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String digestIn(String json, int index) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(json).path("buckets").get(index)
                .path("digest").asString();
    }
}
