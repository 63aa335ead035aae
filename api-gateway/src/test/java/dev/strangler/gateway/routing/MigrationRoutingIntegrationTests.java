package dev.strangler.gateway.routing;

import dev.strangler.gateway.support.Admin;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traffic moves at run time, per capability, as the admin changes the state: no restart, no lost request.
 */
@GatewayIntegrationTest
class MigrationRoutingIntegrationTests {

    static final FakeBackend monolith = FakeBackend.start("monolith");
    static final FakeBackend userService = FakeBackend.start("user-service");
    static final FakeBackend orderService = FakeBackend.start("order-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        monolith.registerIn(registry);
        userService.registerIn(registry);
        orderService.registerIn(registry);
    }

    @AfterAll
    static void stopBackends() {
        monolith.close();
        userService.close();
        orderService.close();
    }

    @Autowired
    WebTestClient client;

    Admin admin;

    @BeforeEach
    void startFromTheMonolith() {
        admin = new Admin(client).awaitLoaded().reset("users").reset("orders");
        monolith.reset();
        userService.reset();
        orderService.reset();
    }

    @Test
    void serviceReadsShouldBeAnsweredByTheServiceWhileEverythingElseStays() {
        admin.readsTo("users", "SERVICE");

        servedBy("/api/users/5", "user-service");
        servedBy("/api/users?page=0&size=5", "user-service");
        servedBy("/api/users/5/orders", "monolith");
        servedBy("/api/orders/3", "monolith");
        servedBy("/api/products", "monolith");
        assertThat(userService.received()).extracting(FakeBackend.Received::uri)
                .containsExactly("/api/users/5", "/api/users?page=0&size=5");
    }

    @Test
    void ordersOfAUserShouldFollowTheOrdersCapabilityNotUsers() {
        admin.readsTo("orders", "SERVICE");

        servedBy("/api/users/5/orders", "order-service");
        servedBy("/api/orders/3", "order-service");
        servedBy("/api/users/5", "monolith");
    }

    @Test
    void serviceWritesShouldReachTheServiceOnlyAndOnce() {
        admin.readsTo("users", "SERVICE").writesTo("users", "SERVICE");

        client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"grace@example.com\",\"name\":\"Grace\"}").exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Served-By", "user-service")
                .expectBody().returnResult();
        client.put().uri("/api/users/9").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"grace@example.com\",\"name\":\"Grace H.\"}").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "user-service")
                .expectBody().returnResult();

        assertThat(userService.received()).extracting(FakeBackend.Received::method, FakeBackend.Received::body)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", "{\"email\":\"grace@example.com\",\"name\":\"Grace\"}"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "{\"email\":\"grace@example.com\",\"name\":\"Grace H.\"}"));
        assertThat(monolith.received()).isEmpty();
    }

    @Test
    void writesShouldStayWithTheMonolithWhateverTheReads() {
        admin.readsTo("users", "SERVICE");

        client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().returnResult();
        assertThat(userService.received()).isEmpty();
    }

    @Test
    void canaryShouldKeepEachUserOnOneSideAndMatchThePublishedHash() {
        admin.canary("users", 50);

        Map<Integer, String> sides = new HashMap<>();
        IntStream.rangeClosed(1, 60).forEach(id -> sides.put(id, servedBy("/api/users/" + id)));
        IntStream.rangeClosed(1, 60).forEach(id -> assertThat(servedBy("/api/users/" + id))
                .as("user %d again", id).isEqualTo(sides.get(id)));

        sides.forEach((id, side) -> assertThat(side).isEqualTo(CanarySplit.bucketOf("user:" + id) < 50
                ? "user-service" : "monolith"));
        assertThat(sides.values()).contains("user-service", "monolith");
    }

    @Test
    void raisingTheCanaryShouldOnlyMoveUsersToTheService() {
        admin.canary("users", 20);
        Map<Integer, String> before = new HashMap<>();
        IntStream.rangeClosed(1, 60).forEach(id -> before.put(id, servedBy("/api/users/" + id)));

        admin.canary("users", 70);

        IntStream.rangeClosed(1, 60).forEach(id -> {
            if (before.get(id).equals("user-service")) {
                assertThat(servedBy("/api/users/" + id)).as("user %d", id).isEqualTo("user-service");
            }
        });
        assertThat(IntStream.rangeClosed(1, 60).filter(id -> servedBy("/api/users/" + id).equals("user-service"))
                .count()).isGreaterThan(before.values().stream().filter("user-service"::equals).count());
    }

    @Test
    void canaryWithoutAUserInThePathShouldBeStickyByClientKey() {
        admin.canary("orders", 50);

        for (String key : new String[] {"client-a", "client-b", "client-c", "client-d", "client-e"}) {
            String expected = CanarySplit.bucketOf("client:key:" + key) < 50 ? "order-service" : "monolith";
            for (int i = 0; i < 3; i++) {
                client.get().uri("/api/orders/1").header("X-Api-Key", key).exchange()
                        .expectHeader().valueEquals("X-Served-By", expected)
                        .expectBody().returnResult();
            }
        }
    }

    @Test
    void shadowShouldAnswerFromTheMonolithAndSendACopyToTheService() {
        admin.readsTo("users", "SHADOW");

        var answer = client.get().uri("/api/users/3").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectHeader().valueEquals("X-Backend", "monolith")
                .expectBody(String.class).returnResult();

        String requestId = answer.getResponseHeaders().getFirst("X-Request-Id");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(userService.received())
                .singleElement().satisfies(copy -> {
                    assertThat(copy.uri()).isEqualTo("/api/users/3");
                    assertThat(copy.shadow()).isTrue();
                    assertThat(copy.requestId()).isEqualTo(requestId);
                }));
    }

    @Test
    void rollingBackShouldReturnTrafficToTheMonolithAtOnce() {
        admin.readsTo("users", "SERVICE").writesTo("users", "SERVICE");
        servedBy("/api/users/1", "user-service");

        admin.writesTo("users", "MONOLITH").readsTo("users", "MONOLITH");

        servedBy("/api/users/1", "monolith");
        client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().returnResult();
    }

    private void servedBy(String path, String backend) {
        assertThat(servedBy(path)).as(path).isEqualTo(backend);
    }

    private String servedBy(String path) {
        return client.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseHeaders().getFirst("X-Served-By");
    }
}
