package dev.strangler.systemtests;

import dev.strangler.devstack.LocalStack;
import dev.strangler.devstack.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The users migration of ARCHITECTURE.md, steps 3 to 5, on the local stack as separate processes (PostgreSQL, Kafka,
 * SMTP, monolith, user-service, api-gateway), driven through the gateway the way an operator and clients would:
 * backfill, shadow, canary, service reads, service writes, rollback, with edits on both sides of every switch and a
 * reconciliation that finds no drift; then user-service killed under service reads, and a producer killed between
 * its commit and its relay.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsersMigrationIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(UsersMigrationIntegrationTests.class);
    private static final long FIRST_SERVICE_ID = 1_000_000_000L;
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    static LocalStack stack;
    static StackClient http;

    @BeforeAll
    static void startTheSystem() {
        Path repoRoot = Path.of(System.getProperty("strangler.repo.root", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStack.Options.randomPorts(repoRoot, dataDir).withSeed(true));
        http = new StackClient(stack);
    }

    @AfterAll
    static void stopTheSystem() {
        stack.close();
    }

    @Test
    @Order(1)
    void usersShouldMoveToUserServiceAndBackWithoutLosingAnEdit() {
        List<Long> seeded = monolithUserIds();
        assertThat(seeded).as("the demo data's users").hasSizeGreaterThanOrEqualTo(200);

        // Step 3: copy the legacy users over, then prove the copy. Every admin API takes the stack's one account.
        for (String side : List.of("monolith", "user-service")) {
            assertThat(http.get(http.at(side, "/admin/reconciliation/users/buckets?width=100")).statusCode())
                    .as("%s's admin API without credentials", side).isEqualTo(401);
        }
        JsonNode backfill = http.expect(202, http.admin("POST", http.at("monolith", "/admin/backfill/users"), null));
        log.info("Backfill started: {}", backfill);
        await().atMost(EVENTUALLY).until(() -> "DONE".equals(http.expect(200,
                http.admin("GET", http.at("monolith", "/admin/backfill/users"), null)).path("state").asString()));
        assertZeroDrift("after the backfill", seeded.size());

        // Shadow: the monolith answers every read, user-service's copy is compared, and agrees on every user.
        reads("SHADOW", null);
        for (long id : seeded) {
            HttpResponse<String> read = readUser(id);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(StackClient.servedBy(read)).isEqualTo("monolith");
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(shadowComparisons().getOrDefault("match", 0L))
                .isGreaterThanOrEqualTo(seeded.size()));
        JsonNode shadow = http.expect(200, http.admin("GET", http.gateway("/admin/migration/users/mismatches"), null));
        assertThat(shadow.path("comparisons").path("mismatch").asLong()).as(shadow.toString()).isZero();
        assertThat(shadow.path("comparisons").path("error").asLong()).as(shadow.toString()).isZero();
        assertThat(shadow.path("mismatches")).as("the last mismatches").isEmpty();

        // Canary at 50 %: each user sticks to one side; both sides serve some.
        reads("CANARY", 50);
        Map<String, Integer> sides = new HashMap<>();
        for (long id : seeded) {
            HttpResponse<String> read = readUser(id);
            assertThat(read.statusCode()).isEqualTo(200);
            sides.merge(StackClient.servedBy(read), 1, Integer::sum);
            assertThat(StackClient.servedBy(readUser(id)))
                    .as("user %d again", id).isEqualTo(StackClient.servedBy(read));
        }
        log.info("Canary 50 % over {} users: {}", seeded.size(), sides);
        assertThat(sides).containsOnlyKeys("monolith", "user-service");
        assertThat(sides.get("user-service")).isBetween(seeded.size() / 4, seeded.size() * 3 / 4);

        // Step 4: user-service answers every read. An edit still written by the monolith reaches it.
        reads("SERVICE", null);
        long editedBeforeWrites = seeded.get(0);
        rename(editedBeforeWrites, "Edited While The Monolith Writes");
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(nameOn("user-service", editedBeforeWrites))
                .isEqualTo("Edited While The Monolith Writes"));
        assertThat(StackClient.servedBy(readUser(editedBeforeWrites)))
                .isEqualTo("user-service");

        // Step 5: user-service owns writes. New ids come from its own range; the monolith receives its changes.
        writes("SERVICE");
        HttpResponse<String> created = register("Registered At The Service");
        assertThat(StackClient.servedBy(created)).isEqualTo("user-service");
        long serviceUser = http.expect(201, created).path("id").asLong();
        assertThat(serviceUser).isGreaterThanOrEqualTo(FIRST_SERVICE_ID);
        long editedAfterWrites = seeded.get(1);
        assertThat(StackClient.servedBy(rename(editedAfterWrites, "Edited While The Service Writes")))
                .isEqualTo("user-service");
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(nameOn("monolith", serviceUser)).isEqualTo("Registered At The Service");
            assertThat(nameOn("monolith", editedAfterWrites)).isEqualTo("Edited While The Service Writes");
        });
        assertThat(profilePage(serviceUser)).contains("Registered At The Service");
        assertZeroDrift("after the write switch", seeded.size() + 1);

        // Rollback: the monolith owns writes again and edits the service's user; both keep everything.
        writes("MONOLITH");
        reads("MONOLITH", null);
        assertThat(StackClient.servedBy(rename(serviceUser, "Edited After The Rollback"))).isEqualTo("monolith");
        HttpResponse<String> afterRollback = register("Registered After The Rollback");
        assertThat(StackClient.servedBy(afterRollback)).isEqualTo("monolith");
        long monolithUser = http.expect(201, afterRollback).path("id").asLong();
        assertThat(monolithUser).isLessThan(FIRST_SERVICE_ID).isNotIn(seeded);
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(nameOn("user-service", serviceUser)).isEqualTo("Edited After The Rollback");
            assertThat(nameOn("user-service", monolithUser)).isEqualTo("Registered After The Rollback");
        });
        assertThat(profilePage(serviceUser)).contains("Edited After The Rollback");
        for (String side : List.of("monolith", "user-service")) {
            assertThat(nameOn(side, editedBeforeWrites)).as(side).isEqualTo("Edited While The Monolith Writes");
            assertThat(nameOn(side, editedAfterWrites)).as(side).isEqualTo("Edited While The Service Writes");
        }
        assertZeroDrift("after the rollback", seeded.size() + 2);
        assertThat(http.get(http.gateway("/actuator/prometheus")).body())
                .contains("strangler_reconciliation_drift{application=\"api-gateway\",capability=\"users\"} 0.0");
    }

    @Test
    @Order(2)
    void readsShouldBeAnsweredWhileUserServiceIsDownAndReturnToItWhenItIsBack() {
        List<Long> users = monolithUserIds().subList(0, 30);
        reads("SERVICE", null);
        try {
            var userService = stack.service("user-service");
            userService.kill();

            for (long id : users) {
                HttpResponse<String> read = readUser(id);
                assertThat(read.statusCode()).as("user %d with user-service down", id).isEqualTo(200);
                assertThat(StackClient.servedBy(read)).isEqualTo("monolith");
            }
            assertThat(http.get(http.gateway("/actuator/prometheus")).body())
                    .containsPattern("strangler_fallbacks_total\\{application=\"api-gateway\",capability=\"users\",reason=\"[a-z_]+\"} [1-9]");

            userService.restart().waitUntilHealthy(Duration.ofSeconds(120));
            await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(StackClient.servedBy(
                    readUser(users.get(0)))).isEqualTo("user-service"));
            for (long id : users) {
                assertThat(readUser(id).statusCode()).isEqualTo(200);
            }
        }
        finally {
            reads("MONOLITH", null);
        }
    }

    @Test
    @Order(3)
    void eventCommittedJustBeforeAProducerCrashShouldBeDeliveredAfterItsRestart() {
        var monolith = stack.service("monolith");
        // The seam: the relay is held, so the registration commits its event to the outbox and nothing sends it.
        monolith.restartWith("--strangler.outbox.relay.enabled=false").waitUntilHealthy(Duration.ofSeconds(120));
        long id = http.expect(201, register("Committed Before The Crash")).path("id").asLong();
        assertThat(http.get(http.at("user-service", "/api/users/" + id)).statusCode())
                .as("not sent while the relay is held").isEqualTo(404);

        monolith.kill();
        monolith.restart().waitUntilHealthy(Duration.ofSeconds(120));

        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(nameOn("user-service", id))
                .isEqualTo("Committed Before The Crash"));
        assertZeroDrift("after the producer's crash and restart", monolithUserIds().size());
    }

    @Test
    @Order(4)
    void driftShouldBeFoundAndRepairedFromTheOwnersCurrentState() throws Exception {
        List<Long> users = monolithUserIds();
        long lost = users.get(2);
        long stale = users.get(3);
        rename(stale, "Renamed Before The Damage");
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(nameOn("user-service", stale))
                .isEqualTo("Renamed Before The Damage"));
        // Damage user-service's copy behind everyone's back: one row lost, one left at an older version.
        try (Connection db = DriverManager.getConnection(stack.postgres().jdbcUrl("users"), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement sql = db.createStatement()) {
            assertThat(sql.executeUpdate("delete from users where id = " + lost)).isOne();
            assertThat(sql.executeUpdate("update users set name = 'Stale', version = version - 1 where id = " + stale))
                    .isOne();
        }

        JsonNode report = http.expect(200, http.admin("POST", http.gateway("/admin/migration/users/reconciliation"),
                null));
        assertThat(report.path("drift").asInt()).as(report.toString()).isEqualTo(2);
        var differing = new ArrayList<Long>();
        report.path("differences").forEach(difference -> differing.add(difference.path("id").asLong()));
        assertThat(differing).containsExactlyInAnyOrder(lost, stale);
        assertThat(http.get(http.gateway("/actuator/prometheus")).body())
                .contains("strangler_reconciliation_drift{application=\"api-gateway\",capability=\"users\"} 2.0");

        http.expect(202, http.admin("POST", http.gateway("/admin/migration/users/reconciliation/repair"), null));

        assertZeroDrift("after the repair", users.size());
        assertThat(nameOn("user-service", stale)).isEqualTo(nameOn("monolith", stale));
    }

    /**
     * A user's read through the gateway, as that user's own client: hundreds of users read in a few seconds here, and
     * the gateway limits each client (X-Api-Key, else IP) to a burst of 200 and 100 a second.
     */
    private HttpResponse<String> readUser(long id) {
        return StackClient.send(HttpRequest.newBuilder(http.gateway("/api/users/" + id))
                .header("X-Api-Key", "user-" + id));
    }

    private List<Long> monolithUserIds() {
        var ids = new ArrayList<Long>();
        for (int page = 0; ; page++) {
            JsonNode users = http.expect(200, http.get(http.at("monolith", "/api/users?size=100&page=" + page)));
            users.path("content").forEach(user -> ids.add(user.path("id").asLong()));
            if (users.path("content").size() < 100) {
                return ids;
            }
        }
    }

    private void reads(String mode, Integer percent) {
        String body = percent == null ? "{\"mode\":\"%s\"}".formatted(mode)
                : "{\"mode\":\"%s\",\"percent\":%d}".formatted(mode, percent);
        http.expect(200, http.admin("PUT", http.gateway("/admin/migration/users/reads"), body));
    }

    private void writes(String mode) {
        http.expect(200, http.admin("PUT", http.gateway("/admin/migration/users/writes"),
                "{\"mode\":\"%s\"}".formatted(mode)));
    }

    private Map<String, Long> shadowComparisons() {
        JsonNode report = http.expect(200, http.admin("GET", http.gateway("/admin/migration/users/mismatches"), null));
        var counts = new HashMap<String, Long>();
        report.path("comparisons").properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private HttpResponse<String> register(String name) {
        String email = "migration-" + UUID.randomUUID() + "@example.com";
        return http.send("POST", http.gateway("/api/users"), """
                {"email": "%s", "name": "%s"}""".formatted(email, name));
    }

    /** Renames a user through the gateway, keeping the e-mail the current owner has. */
    private HttpResponse<String> rename(long id, String name) {
        String email = http.expect(200, readUser(id)).path("email").asString();
        HttpResponse<String> renamed = http.send("PUT", http.gateway("/api/users/" + id), """
                {"email": "%s", "name": "%s"}""".formatted(email, name));
        http.expect(200, renamed);
        return renamed;
    }

    private String nameOn(String service, long id) {
        HttpResponse<String> user = http.get(http.at(service, "/api/users/" + id));
        return user.statusCode() == 200 ? StackClient.read(user.body()).path("name").asString() : "(" + user.statusCode() + ")";
    }

    private String profilePage(long id) {
        HttpResponse<String> page = http.get(http.gateway("/users/" + id));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(StackClient.servedBy(page)).isEqualTo("monolith");
        return page.body();
    }

    /** Asks the gateway to reconcile until both sides agree (events are asynchronous), and reports what it saw. */
    private void assertZeroDrift(String when, int expectedUsers) {
        await(when).atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode report = http.expect(200,
                    http.admin("POST", http.gateway("/admin/migration/users/reconciliation"), null));
            assertThat(report.path("error").isMissingNode()).as(report.toString()).isTrue();
            assertThat(report.path("monolithCount").asLong()).as(report.toString()).isEqualTo(expectedUsers);
            assertThat(report.path("serviceCount").asLong()).as(report.toString()).isEqualTo(expectedUsers);
            assertThat(report.path("differingBuckets").asInt()).as(report.toString()).isZero();
            assertThat(report.path("drift").asInt()).as(report.toString()).isZero();
        });
        log.info("Reconciliation {}: {} users on both sides, zero drift", when, expectedUsers);
    }
}
