package dev.strangler.gateway.migration;

import dev.strangler.gateway.support.Admin;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API: only the admin may change the migration, every refusal is a problem that says why, and a refused
 * change changes nothing.
 */
@GatewayIntegrationTest
class AdminApiIntegrationTests {

    // Neither order-service nor notification-service is listed in discovery here: moving to them is refused.
    static final FakeBackend monolith = FakeBackend.start("monolith");
    static final FakeBackend users = FakeBackend.start("user-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        monolith.registerIn(registry);
        users.registerIn(registry);
    }

    @AfterAll
    static void stopBackends() {
        monolith.close();
        users.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MigrationStateStore store;

    Admin admin;

    @BeforeEach
    void startFromTheMonolith() {
        admin = new Admin(client).awaitLoaded().reset("users").reset("orders").modeTo("notifications", "MONOLITH");
    }

    @Test
    void stateShouldListEveryCapabilityWithItsServiceAndSettings() {
        admin.canary("users", 25);

        admin.client().get().uri("/admin/migration").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.loaded").isEqualTo(true)
                .jsonPath("$.capabilities.users.service").isEqualTo("user-service")
                .jsonPath("$.capabilities.users.reads.mode").isEqualTo("CANARY")
                .jsonPath("$.capabilities.users.reads.percent").isEqualTo(25)
                .jsonPath("$.capabilities.users.writes.mode").isEqualTo("MONOLITH")
                .jsonPath("$.capabilities.users.changedBy").isEqualTo("admin")
                .jsonPath("$.capabilities.users.mode").doesNotExist()
                .jsonPath("$.capabilities.orders.service").isEqualTo("order-service")
                .jsonPath("$.capabilities.orders.reads.mode").isEqualTo("MONOLITH")
                .jsonPath("$.capabilities.notifications.capability").isEqualTo("notifications")
                .jsonPath("$.capabilities.notifications.service").isEqualTo("notification-service")
                .jsonPath("$.capabilities.notifications.mode").isEqualTo("MONOLITH")
                .jsonPath("$.capabilities.notifications.version").isEqualTo(0)
                .jsonPath("$.capabilities.notifications.reads").doesNotExist()
                .jsonPath("$.capabilities.notifications.writes").doesNotExist();
    }

    @Test
    void changeShouldAnswerWithTheNewStateOnceThisGatewayRoutesByIt() {
        admin.reads("users", "{\"mode\":\"SHADOW\"}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.capability").isEqualTo("users")
                .jsonPath("$.reads.mode").isEqualTo("SHADOW")
                .jsonPath("$.reads.percent").doesNotExist();

        assertThat(store.current().of(dev.strangler.gateway.routing.Capability.USERS).reads())
                .isEqualTo(ReadMode.SHADOW);
    }

    @Test
    void historyShouldSayWhoChangedWhatFromWhatToWhatAndWhenNewestFirst() {
        Instant before = Instant.now();
        admin.readsTo("users", "SHADOW").canary("users", 10).readsTo("users", "SERVICE").writesTo("users", "SERVICE");

        List<Map<String, Object>> history = admin.client().get().uri("/admin/migration/history").exchange()
                .expectStatus().isOk()
                .expectBodyList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();

        assertThat(history).hasSizeGreaterThanOrEqualTo(4);
        assertThat(history.subList(0, 4)).extracting(change -> change.get("aspect") + " " + change.get("from") + " -> "
                + change.get("to")).containsExactly(
                "writes {mode=MONOLITH} -> {mode=SERVICE}",
                "reads {mode=CANARY, percent=10} -> {mode=SERVICE}",
                "reads {mode=SHADOW} -> {mode=CANARY, percent=10}",
                "reads {mode=MONOLITH} -> {mode=SHADOW}");
        assertThat(history.subList(0, 4)).allSatisfy(change -> {
            assertThat(change.get("by")).isEqualTo("admin");
            assertThat(change.get("capability")).isEqualTo("users");
            assertThat(Instant.parse((String) change.get("at"))).isAfterOrEqualTo(before.minusSeconds(1));
        });
    }

    @Test
    void callsWithoutOrWithWrongCredentialsShouldGet401ProblemsAndChangeNothing() {
        long version = version("users");

        client.get().uri("/admin/migration").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"strangler-admin\"")
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.title").isEqualTo("Unauthenticated");
        client.put().uri("/admin/migration/users/reads").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":\"SERVICE\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        client.put().uri("/admin/migration/users/reads").headers(headers -> headers.setBasicAuth("admin", "guess"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"mode\":\"SERVICE\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);

        assertThat(version("users")).isEqualTo(version);
        assertThat(store.current().of(dev.strangler.gateway.routing.Capability.USERS).reads())
                .isEqualTo(ReadMode.MONOLITH);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "reads  | {\"mode\":\"HALFWAY\"}                 | unknown read mode 'HALFWAY'   | 400",
            "reads  | {\"mode\":\"CANARY\",\"percent\":150}  | between 0 and 100             | 400",
            "reads  | {\"mode\":\"CANARY\",\"percent\":-5}   | between 0 and 100             | 400",
            "reads  | {\"mode\":\"CANARY\"}                  | needs a percent               | 400",
            "reads  | {\"mode\":\"SHADOW\",\"percent\":10}   | only to CANARY                | 400",
            "reads  | {}                                     | mode is required              | 400",
            "writes | {\"mode\":\"CANARY\"}                  | unknown write mode 'CANARY'   | 400",
            "writes | {\"mode\":\"SERVICE\"}                 | move reads to SERVICE before  | 409"})
    void invalidChangesShouldBeRefusedWithAProblemThatSaysWhyAndChangeNothing(String aspect, String body,
                                                                               String why, int status) {
        long version = version("users");
        var answer = aspect.equals("reads") ? admin.reads("users", body) : admin.writes("users", body);

        answer.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains(why));
        assertThat(version("users")).isEqualTo(version);
    }

    @Test
    void changingNotificationsWithoutOrWithWrongCredentialsShouldGet401ProblemsAndChangeNothing() {
        long version = version("notifications");

        client.put().uri("/admin/migration/notifications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":\"MONOLITH\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        client.put().uri("/admin/migration/notifications").headers(headers -> headers.setBasicAuth("admin", "guess"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"mode\":\"SERVICE\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);

        assertThat(version("notifications")).isEqualTo(version);
    }

    @ParameterizedTest(name = "PUT /admin/migration/{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "notifications        | {\"mode\":\"HALFWAY\"}                | unknown notifications mode 'HALFWAY': one of MONOLITH, SERVICE | 400",
            "notifications        | {\"mode\":\"CANARY\",\"percent\":10}  | unknown notifications mode 'CANARY'                            | 400",
            "notifications        | {\"mode\":\"SHADOW\"}                 | unknown notifications mode 'SHADOW'                            | 400",
            "notifications        | {\"mode\":\"MONOLITH\",\"percent\":0} | percent does not apply                                         | 400",
            "notifications        | {}                                    | mode is required                                               | 400",
            "notifications        | {\"mode\":null}                       | mode is required                                               | 400",
            "notifications/reads  | {\"mode\":\"SERVICE\"}                | notifications has no reads: it is one switch                   | 404",
            "notifications/writes | {\"mode\":\"SERVICE\"}                | notifications has no writes: it is one switch                  | 404",
            "users                | {\"mode\":\"SERVICE\"}                | users has no single mode                                       | 404",
            "notifications        | {\"mode\":\"SERVICE\"}                | notification-service has no registered instance               | 409"})
    void invalidNotificationsChangesShouldBeRefusedWithAProblemThatSaysWhyAndChangeNothing(String path, String body,
                                                                                            String why, int status) {
        long notifications = version("notifications");
        long users = version("users");

        admin.client().put().uri("/admin/migration/" + path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains(why));
        assertThat(version("notifications")).isEqualTo(notifications);
        assertThat(version("users")).isEqualTo(users);
        assertThat(store.current().of(dev.strangler.gateway.routing.Capability.NOTIFICATIONS).mode())
                .isEqualTo(SwitchMode.MONOLITH);
    }

    @Test
    void malformedNotificationsBodiesShouldGet400Problems() {
        long version = version("notifications");

        admin.client().put().uri("/admin/migration/notifications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400);
        admin.client().put().uri("/admin/migration/notifications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":\"SERVICE\",\"percent\":\"half\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400);
        admin.client().put().uri("/admin/migration/notifications").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("SERVICE").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(415);

        assertThat(version("notifications")).isEqualTo(version);
    }

    @Test
    void notificationsShouldHaveNoShadowReportOrReconciliation() {
        admin.client().get().uri("/admin/migration/notifications/mismatches").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
        admin.client().post().uri("/admin/migration/notifications/reconciliation").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void readsShouldNotLeaveTheServiceWhileWritesAreThere() {
        admin.readsTo("users", "SERVICE").writesTo("users", "SERVICE");

        admin.reads("users", "{\"mode\":\"MONOLITH\"}")
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.title").isEqualTo("Transition refused")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("move writes back to MONOLITH first"));
    }

    @Test
    void writesShouldNotMoveToAServiceThatDiscoveryDoesNotKnow() {
        admin.readsTo("orders", "SERVICE");

        admin.writes("orders", "{\"mode\":\"SERVICE\"}")
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("order-service has no registered instance"));
        assertThat(store.current().of(dev.strangler.gateway.routing.Capability.ORDERS).writes())
                .isEqualTo(WriteMode.MONOLITH);
    }

    @Test
    void malformedBodiesShouldGet400Problems() {
        long version = version("users");

        admin.client().put().uri("/admin/migration/users/reads").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400);
        admin.client().put().uri("/admin/migration/users/reads").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":\"CANARY\",\"percent\":\"many\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400);
        admin.client().put().uri("/admin/migration/users/reads").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("SERVICE").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(415);

        assertThat(version("users")).isEqualTo(version);
    }

    @Test
    void unknownCapabilityShouldGet404Problem() {
        admin.reads("payments", "{\"mode\":\"SERVICE\"}")
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("No capability 'payments'").contains("users").contains("orders")
                        .contains("notifications"));
        admin.client().put().uri("/admin/migration/payments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":\"SERVICE\"}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("No capability 'payments'"));
        admin.client().get().uri("/admin/migration/payments/mismatches").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void changingToTheCurrentSettingShouldChangeNothing() {
        admin.canary("users", 40);
        long version = version("users");

        admin.canary("users", 40);

        assertThat(version("users")).isEqualTo(version);
    }

    private long version(String capability) {
        return store.current().of(dev.strangler.gateway.routing.Capability.byLabel(capability).orElseThrow())
                .version();
    }
}
