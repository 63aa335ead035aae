package dev.strangler.gateway.shadow;

import dev.strangler.gateway.support.Admin;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import dev.strangler.gateway.support.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SHADOW compares without ever costing the client: the monolith answers, the service's copy is compared after
 * normalising the configured fields, and a slow, failing or swamped service changes nothing for the client.
 */
@GatewayIntegrationTest
class ShadowTrafficIntegrationTests {

    static final FakeBackend monolith = FakeBackend.start("monolith");
    static final FakeBackend userService = FakeBackend.start("user-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        monolith.registerIn(registry);
        userService.registerIn(registry);
        FakeBackend.registerDown("order-service", registry);
        registry.add("strangler.shadow.timeout", () -> "1s");
        registry.add("strangler.shadow.max-in-flight", () -> "4");
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
    void usersInShadow() {
        admin = new Admin(client).awaitLoaded().reset("users").reset("orders");
        admin.readsTo("users", "SHADOW").readsTo("orders", "SHADOW");
        monolith.reset().answer(ShadowTrafficIntegrationTests::user);
        userService.reset().answer(ShadowTrafficIntegrationTests::user);
    }

    @Test
    void sameAnswerApartFromTimestampsShouldCountAsAMatch() {
        userService.answer((method, path) -> FakeBackend.Reply.json(200, """
                {"updatedAt":"2026-11-24T10:00:00.123Z","name":"User","id":%s,"email":"user@example.com",
                 "createdAt":"2026-11-24T09:00:00Z"}""".formatted(idIn(path))));
        Map<String, Long> before = counts("users");

        client.get().uri("/api/users/7").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().jsonPath("$.id").isEqualTo(7);

        await().untilAsserted(() -> assertThat(counts("users").get("match")).isEqualTo(before.get("match") + 1));
        assertThat(counts("users").get("mismatch")).isEqualTo(before.get("mismatch"));
    }

    @Test
    void differentAnswerShouldBeCountedAndKeptWithBothBodiesThePathAndTheTime() {
        userService.answer((method, path) -> FakeBackend.Reply.json(200, """
                {"id":%s,"email":"user@example.com","name":"Somebody Else"}""".formatted(idIn(path))));
        Instant before = Instant.now();

        var answer = client.get().uri("/api/users/8?fields=all").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("User").returnResult();
        String requestId = answer.getResponseHeaders().getFirst("X-Request-Id");

        await().untilAsserted(() -> admin.client().get().uri("/admin/migration/users/mismatches").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.capability").isEqualTo("users")
                .jsonPath("$.mismatches[0].path").isEqualTo("/api/users/8?fields=all")
                .jsonPath("$.mismatches[0].method").isEqualTo("GET")
                .jsonPath("$.mismatches[0].requestId").isEqualTo(requestId)
                .jsonPath("$.mismatches[0].monolith.status").isEqualTo(200)
                .jsonPath("$.mismatches[0].monolith.body.name").isEqualTo("User")
                .jsonPath("$.mismatches[0].service.status").isEqualTo(200)
                .jsonPath("$.mismatches[0].service.body.name").isEqualTo("Somebody Else")
                .jsonPath("$.mismatches[0].at").value(String.class, at -> assertThat(Instant.parse(at))
                        .isAfterOrEqualTo(before.minusSeconds(1)))
                .jsonPath("$.comparisons.mismatch").value(Integer.class, count -> assertThat(count).isPositive()));
    }

    @Test
    void differentStatusShouldBeAMismatch() {
        userService.answer((method, path) -> FakeBackend.Reply.json(404, "{\"title\":\"Not found\"}"));
        long before = counts("users").get("mismatch");

        client.get().uri("/api/users/9").exchange().expectStatus().isOk().expectBody().returnResult();

        await().untilAsserted(() -> assertThat(counts("users").get("mismatch")).isEqualTo(before + 1));
    }

    @Test
    void slowServiceShouldNotSlowTheClientAndShouldCountAsAnError() {
        Duration direct = timed("/api/users/10");
        userService.delay(Duration.ofSeconds(3));
        long errorsBefore = counts("users").get("error");

        Duration shadowed = timed("/api/users/11");

        assertThat(shadowed).isLessThan(Duration.ofMillis(800)).isLessThan(direct.plusMillis(500));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(counts("users").get("error")).isEqualTo(errorsBefore + 1));
    }

    @Test
    void failingServiceShouldNotFailTheClient() {
        userService.answer((method, path) -> FakeBackend.Reply.json(500, "{\"title\":\"boom\"}"));

        client.get().uri("/api/users/12").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().jsonPath("$.id").isEqualTo(12);
    }

    @Test
    void serviceThatIsNotThereShouldNotFailTheClientAndShouldCountAsAnError() {
        long errorsBefore = counts("orders").get("error");

        client.get().uri("/api/orders/1").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().returnResult();

        await().untilAsserted(() -> assertThat(counts("orders").get("error")).isEqualTo(errorsBefore + 1));
    }

    @Test
    void copiesBeyondTheInFlightLimitShouldBeDroppedAndCountedWhileEveryClientIsAnswered() {
        userService.delay(Duration.ofMillis(800));
        Map<String, Long> before = counts("users");
        var answered = new AtomicInteger();

        Flux.range(100, 12)
                .flatMap(id -> client.get().uri("/api/users/" + id).exchange().returnResult(String.class)
                        .getResponseBody().then(reactor.core.publisher.Mono.fromRunnable(answered::incrementAndGet)),
                        12)
                .blockLast(Duration.ofSeconds(10));

        assertThat(answered).hasValue(12);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Long> after = counts("users");
            long dropped = after.get("dropped") - before.get("dropped");
            long compared = after.get("match") - before.get("match");
            assertThat(dropped).as("dropped").isGreaterThanOrEqualTo(8);
            assertThat(compared).as("compared").isBetween(1L, 4L);
            assertThat(dropped + compared).isEqualTo(12);
        });
        assertThat(userService.received().stream().filter(FakeBackend.Received::shadow).count()).isLessThanOrEqualTo(4);
    }

    @Test
    void comparisonsShouldBeExportedAsMetrics() {
        client.get().uri("/api/users/13").exchange().expectStatus().isOk().expectBody().returnResult();

        await().untilAsserted(() -> assertThat(Scrape.of(client))
                .containsPattern("strangler_shadow_comparisons_total\\{application=\"api-gateway\",capability=\"users\",result=\"match\"} [1-9]")
                .contains("strangler_shadow_comparisons_total{application=\"api-gateway\",capability=\"users\",result=\"dropped\"}"));
    }

    private Duration timed(String path) {
        Instant start = Instant.now();
        client.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult();
        return Duration.between(start, Instant.now());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> counts(String capability) {
        Map<String, Object> report = admin.client().get().uri("/admin/migration/{capability}/mismatches", capability)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        var counts = new java.util.HashMap<String, Long>();
        ((Map<String, Number>) report.get("comparisons")).forEach((result, count) -> counts.put(result,
                count.longValue()));
        return counts;
    }

    private static FakeBackend.Reply user(String method, String path) {
        return FakeBackend.Reply.json(200, """
                {"id":%s,"email":"user@example.com","name":"User","createdAt":"2026-11-24T09:00:00.123456Z",
                 "updatedAt":"2026-11-24T09:00:00.123456Z"}""".formatted(idIn(path)));
    }

    private static String idIn(String path) {
        String id = path.replaceAll("^/api/(users|orders)/([0-9]+).*$", "$2");
        return id.matches("[0-9]+") ? id : "0";
    }
}
