package dev.strangler.gateway.reconciliation;

import dev.strangler.gateway.support.Admin;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import dev.strangler.gateway.support.GatewayTestProperties;
import dev.strangler.gateway.support.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway compares a capability's rows on the monolith and on the service through their digest APIs, exports the
 * drift, and repairs it through whichever side owns the writes. Both sides are real HTTP servers that compute their
 * digests from a table of rows the test controls.
 */
@GatewayIntegrationTest
class ReconciliationIntegrationTests {

    static final DigestSide monolithRows = new DigestSide();
    static final DigestSide serviceRows = new DigestSide();
    static final FakeBackend monolith = FakeBackend.start("monolith").answer(monolithRows::answer);
    static final FakeBackend userService = FakeBackend.start("user-service").answer(serviceRows::answer);

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        monolith.registerIn(registry);
        userService.registerIn(registry);
        FakeBackend.registerDown("order-service", registry);
        registry.add("strangler.reconciliation.interval", () -> "0s");
        registry.add("strangler.reconciliation.bucket-width", () -> "10");
    }

    @AfterAll
    static void stopBackends() {
        monolith.close();
        userService.close();
    }

    @Autowired
    WebTestClient client;

    Admin admin;

    @BeforeEach
    void identicalSides() {
        admin = new Admin(client).awaitLoaded().reset("users");
        monolithRows.rows.clear();
        serviceRows.rows.clear();
        for (long id = 1; id <= 35; id++) {
            monolithRows.put(id, 0, "user-" + id);
            serviceRows.put(id, 0, "user-" + id);
        }
        monolith.reset().answer(monolithRows::answer);
        userService.reset().answer(serviceRows::answer);
    }

    @Test
    void identicalSidesShouldShowNoDriftAndExportZero() {
        run("users").jsonPath("$.monolithCount").isEqualTo(35)
                .jsonPath("$.serviceCount").isEqualTo(35)
                .jsonPath("$.differingBuckets").isEqualTo(0)
                .jsonPath("$.drift").isEqualTo(0)
                .jsonPath("$.differences").isEmpty();

        assertThat(scrape()).contains("strangler_reconciliation_drift{application=\"api-gateway\",capability=\"users\"} 0.0")
                .contains("strangler_reconciliation_runs_total{application=\"api-gateway\",capability=\"users\",result=\"in_sync\"}");
    }

    @Test
    void everyDifferingIdShouldBeFoundWithWhichSideIsBehind() {
        serviceRows.rows.remove(7L);
        serviceRows.put(12, 1, "user-12");
        monolithRows.put(12, 2, "user-12 renamed");
        serviceRows.put(1_000_000_000, 0, "created on the service");

        run("users").jsonPath("$.monolithCount").isEqualTo(35)
                .jsonPath("$.serviceCount").isEqualTo(35)
                .jsonPath("$.drift").isEqualTo(3)
                .jsonPath("$.differences[0].id").isEqualTo(7)
                .jsonPath("$.differences[0].kind").isEqualTo("missing_on_service")
                .jsonPath("$.differences[1].id").isEqualTo(12)
                .jsonPath("$.differences[1].kind").isEqualTo("different")
                .jsonPath("$.differences[1].monolithVersion").isEqualTo(2)
                .jsonPath("$.differences[1].serviceVersion").isEqualTo(1)
                .jsonPath("$.differences[2].id").isEqualTo(1_000_000_000)
                .jsonPath("$.differences[2].kind").isEqualTo("missing_on_monolith");

        assertThat(scrape()).contains("strangler_reconciliation_drift{application=\"api-gateway\",capability=\"users\"} 3.0");
        // Only the three differing buckets (0-9, 10-19, 1e9) were compared row by row.
        assertThat(monolith.received()).filteredOn(request -> request.uri().contains("/rows")).hasSize(3);
    }

    @Test
    void repairShouldAskTheOwnerOfTheWritesToRepublishTheDifferingIds() {
        serviceRows.rows.remove(3L);
        serviceRows.rows.remove(31L);

        admin.client().post().uri("/admin/migration/users/reconciliation/repair").exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.owner").isEqualTo("monolith")
                .jsonPath("$.republished").isEqualTo(2);
        assertThat(monolith.received()).filteredOn(request -> request.uri().endsWith("/republish"))
                .singleElement().satisfies(request -> {
                    assertThat(request.body()).isEqualTo("{\"ids\":[3,31]}");
                    assertThat(request.headers().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                            .encodeToString((GatewayTestProperties.ADMIN_USER + ":" + GatewayTestProperties.ADMIN_PASSWORD)
                                    .getBytes(StandardCharsets.UTF_8)));
                });
        assertThat(userService.received()).noneMatch(request -> request.uri().endsWith("/republish"));

        admin.readsTo("users", "SERVICE").writesTo("users", "SERVICE");
        admin.client().post().uri("/admin/migration/users/reconciliation/repair").exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.owner").isEqualTo("user-service");
        assertThat(userService.received()).filteredOn(request -> request.uri().endsWith("/republish")).hasSize(1);
    }

    @Test
    void sideThatCannotAnswerShouldFailTheRunVisiblyAndRepairNothing() {
        userService.answer((method, path) -> FakeBackend.Reply.json(503, "{}"));

        run("users").jsonPath("$.error").value(String.class, error -> assertThat(error).startsWith("could not compare"))
                .jsonPath("$.drift").isEqualTo(-1);
        assertThat(scrape()).contains("strangler_reconciliation_drift{application=\"api-gateway\",capability=\"users\"} -1.0");

        admin.client().post().uri("/admin/migration/users/reconciliation/repair").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .startsWith("Nothing was repaired"));
        assertThat(monolith.received()).noneMatch(request -> request.uri().endsWith("/republish"));
    }

    @Test
    void reconciliationShouldNeedTheAdminAccountAndAKnownCapability() {
        client.post().uri("/admin/migration/users/reconciliation").exchange().expectStatus().isUnauthorized()
                .expectBody().returnResult();
        admin.client().post().uri("/admin/migration/payments/reconciliation").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();
    }

    private WebTestClient.BodyContentSpec run(String capability) {
        return admin.client().post().uri("/admin/migration/{capability}/reconciliation", capability).exchange()
                .expectStatus().isOk().expectBody();
    }

    private String scrape() {
        return Scrape.of(client);
    }

    /** One side's rows, answering the digest API the way the monolith and the services do. */
    static final class DigestSide {

        private static final Pattern BUCKETS = Pattern.compile("/admin/reconciliation/users/buckets\\?width=(\\d+)");
        private static final Pattern ROWS = Pattern.compile("/admin/reconciliation/users/rows\\?from=(\\d+)&to=(\\d+)");

        final Map<Long, Digests.Row> rows = new java.util.concurrent.ConcurrentSkipListMap<>();

        void put(long id, long version, String content) {
            rows.put(id, new Digests.Row(id, version, Integer.toHexString((content + "|" + version).hashCode())));
        }

        FakeBackend.Reply answer(String method, String pathAndQuery) {
            Matcher buckets = BUCKETS.matcher(pathAndQuery);
            if (buckets.matches()) {
                long width = Long.parseLong(buckets.group(1));
                var byBucket = new TreeMap<Long, List<Digests.Row>>();
                rows.values().forEach(row -> byBucket.computeIfAbsent(row.id() / width * width,
                        from -> new java.util.ArrayList<>()).add(row));
                String json = byBucket.entrySet().stream().map(bucket -> """
                        {"from":%d,"count":%d,"digest":"%s"}""".formatted(bucket.getKey(), bucket.getValue().size(),
                        Integer.toHexString(bucket.getValue().toString().hashCode()))).collect(Collectors.joining(","));
                return FakeBackend.Reply.json(200, """
                        {"width":%d,"count":%d,"buckets":[%s]}""".formatted(width, rows.size(), json));
            }
            Matcher range = ROWS.matcher(pathAndQuery);
            if (range.matches()) {
                long from = Long.parseLong(range.group(1));
                long to = Long.parseLong(range.group(2));
                return FakeBackend.Reply.json(200, "[" + rows.values().stream()
                        .filter(row -> row.id() >= from && row.id() < to)
                        .map(row -> """
                                {"id":%d,"version":%d,"digest":"%s"}""".formatted(row.id(), row.version(), row.digest()))
                        .collect(Collectors.joining(",")) + "]");
            }
            if (method.equals("POST") && pathAndQuery.endsWith("/republish")) {
                return FakeBackend.Reply.json(200, "{\"republished\":2}");
            }
            return FakeBackend.Reply.json(404, "{}");
        }
    }
}
