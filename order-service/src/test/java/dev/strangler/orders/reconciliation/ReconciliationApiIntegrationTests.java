package dev.strangler.orders.reconciliation;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.orders.support.OrderFixtures;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import dev.strangler.orders.support.RealInfrastructure;
import dev.strangler.orders.support.WithAdminPassword;
import dev.strangler.service.support.ReferenceDigests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static dev.strangler.orders.support.OrderFixtures.FIRST_SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders capability of the gateway's reconciliation (service-support's endpoints over the orders table): buckets
 * and rows whose digests are the reference digests the monolith's answers are held to, changing with any compared
 * column; republishing puts order.created of the named orders placed here on Kafka, marked as already confirmed.
 * All of it only for the admin account.
 */
@OrderServiceIntegrationTest
@WithAdminPassword
class ReconciliationApiIntegrationTests {

    private static final String BASE = "/admin/reconciliation/orders/";
    private static final Instant CREATED = Instant.parse("2026-11-24T10:15:30.123456Z");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    OrderFixtures fixtures;

    @BeforeEach
    void replicatedAndOwnOrders() {
        fixtures = new OrderFixtures(jdbc);
        for (long id = 1; id <= 12; id++) {
            fixtures.order(id, 42, CREATED.plusSeconds(id), id % 3, 7, 1, "24.90", 9, (int) id, "7.50");
        }
        fixtures.order(FIRST_SERVICE_ID, 43, CREATED, 0, 7, 2, "24.90");
    }

    private MvcTestResult get(String path) {
        return mvc.get().uri(BASE + path).header(HttpHeaders.AUTHORIZATION, WithAdminPassword.AUTHORIZATION)
                .exchange();
    }

    @Test
    void everyEndpointNeedsTheAdminAccount() {
        for (var request : List.of(mvc.get().uri(BASE + "buckets?width=10"), mvc.get().uri(BASE + "rows?from=0&to=5"),
                mvc.post().uri(BASE + "republish").contentType(MediaType.APPLICATION_JSON).content("{\"ids\": [1]}"))) {
            assertThat(request.exchange()).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(fixtures.outboxRows()).isZero();
    }

    @Test
    void digestsShouldBeTheReferenceDigestsOverIdUserStatusTotalCreatedAtAndVersion() {
        List<String> rows = List.of(
                ReferenceDigests.row(1L, 42L, "PLACED", new BigDecimal("32.40"), CREATED.plusSeconds(1), 1L),
                ReferenceDigests.row(2L, 42L, "PLACED", new BigDecimal("39.90"), CREATED.plusSeconds(2), 2L));

        assertThat(get("rows?from=1&to=3")).hasStatusOk().bodyJson().extractingPath("$[*].digest").isEqualTo(rows);
        var buckets = get("buckets?width=10");
        assertThat(buckets).hasStatusOk().bodyJson().extractingPath("$.buckets[*].from")
                .isEqualTo(List.of(0, 10, 1_000_000_000));
        assertThat(buckets).bodyJson().extractingPath("$.buckets[*].count").isEqualTo(List.of(9, 3, 1));
        assertThat(get("rows?from=3&to=4")).bodyJson().extractingPath("$[0].version").isEqualTo(0);
    }

    @Test
    void aChangeOfAnyComparedColumnShouldChangeTheRowsDigest() {
        for (String change : List.of("user_id = 43", "status = 'CANCELLED'", "total = total + 0.01",
                "created_at = created_at + interval '1 microsecond'", "version = version + 1")) {
            String before = digestOfRow5();
            jdbc.update("update orders set " + change + " where id = 5");
            assertThat(digestOfRow5()).as(change).isNotEqualTo(before);
        }
    }

    @Test
    void republishShouldPublishOrderCreatedOfOrdersPlacedHereMarkedAsAlreadyConfirmed() {
        var result = mvc.post().uri(BASE + "republish")
                .header(HttpHeaders.AUTHORIZATION, WithAdminPassword.AUTHORIZATION)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"ids\": [3, %d, 424242]}".formatted(FIRST_SERVICE_ID)).exchange();

        // Order 3 is the monolith's, for the monolith to republish.
        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.republished").isEqualTo(1);
        assertThat(jdbc.queryForList("select message_key from event_outbox", String.class))
                .containsExactly(Long.toString(FIRST_SERVICE_ID));
        try (var topic = new TopicReader(RealInfrastructure.kafka(), "order.created")) {
            var record = topic.awaitFirst(candidate -> Long.toString(FIRST_SERVICE_ID).equals(candidate.key())
                    && candidate.value().contains("\"userId\":43"));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("order-service");
            assertThat(CloudEventHeaders.text(record.headers(), "strangler-notified-by")).isEqualTo("order-service");
            assertThat(json.readTree(record.value()).get("total").decimalValue()).isEqualByComparingTo("49.80");
        }
    }

    private String digestOfRow5() {
        return json.readTree(get("rows?from=5&to=6").getResponse().getContentAsByteArray()).get(0).get("digest")
                .asString();
    }
}
