package dev.strangler.gateway.routing;

import dev.strangler.gateway.support.Admin;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import dev.strangler.gateway.support.Scrape;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When a service fails, reads are answered by the monolith (and counted), writes fail fast with a problem and are
 * never retried or sent elsewhere. user-service here is a real server the test makes misbehave; order-service is
 * registered at a port where nothing listens.
 */
@GatewayIntegrationTest
class ServiceFailureIntegrationTests {

    static final FakeBackend monolith = FakeBackend.start("monolith");
    static final FakeBackend userService = FakeBackend.start("user-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        monolith.registerIn(registry);
        userService.registerIn(registry);
        FakeBackend.registerDown("order-service", registry);
        registry.add("strangler.routing.service-read-timeout", () -> "500ms");
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "3s");
    }

    @AfterAll
    static void stopBackends() {
        monolith.close();
        userService.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    CircuitBreakerRegistry breakers;

    Admin admin;

    @BeforeEach
    void servicesOwnReads() {
        admin = new Admin(client).awaitLoaded().reset("users").reset("orders");
        admin.readsTo("users", "SERVICE").readsTo("orders", "SERVICE");
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        monolith.reset();
        userService.reset();
    }

    @Test
    void readOfAServiceThatIsDownShouldBeAnsweredByTheMonolith() {
        Instant start = Instant.now();

        read("/api/orders/5").expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().jsonPath("$.path").isEqualTo("/api/orders/5");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(monolith.count("/api/orders/5")).isOne();
        assertThat(fallbacks("orders", "unavailable")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void readThatTheServiceAnswersWith5xxShouldBeAnsweredByTheMonolith() {
        userService.answer((method, path) -> FakeBackend.Reply.json(500, "{\"title\":\"boom\"}"));

        read("/api/users/5").expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectHeader().valueEquals("X-Backend", "monolith")
                .expectBody().jsonPath("$.path").isEqualTo("/api/users/5");

        assertThat(userService.count("/api/users/5")).isOne();
        assertThat(monolith.count("/api/users/5")).isOne();
        assertThat(fallbacks("users", "server_error")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void readThatTheServiceIsTooSlowForShouldBeAnsweredByTheMonolithSoon() {
        userService.delay(Duration.ofSeconds(3));
        Instant start = Instant.now();

        read("/api/users/6").expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().returnResult();

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(2_000));
        assertThat(fallbacks("users", "timeout")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void answerOfTheServiceAbout4xxShouldReachTheClientAsItIs() {
        userService.answer((method, path) -> FakeBackend.Reply.json(404, "{\"title\":\"Not found\"}"));

        read("/api/users/404").expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Served-By", "user-service")
                .expectBody().jsonPath("$.title").isEqualTo("Not found");
        assertThat(monolith.received()).isEmpty();
    }

    @Test
    void repeatedFailuresShouldOpenTheCircuitSoTheServiceIsNotAskedAnyMore() {
        userService.answer((method, path) -> FakeBackend.Reply.json(503, "{}"));

        for (int i = 0; i < 10; i++) {
            read("/api/users/" + i).expectStatus().isOk().expectHeader().valueEquals("X-Served-By", "monolith")
                    .expectBody().returnResult();
        }

        assertThat(breakers.circuitBreaker("user-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        // 5 failed calls of the last 10 open it (thresholds in application.yml): the rest never reached the service.
        assertThat(userService.received()).hasSize(5);
        assertThat(monolith.received()).hasSize(10);
        assertThat(fallbacks("users", "circuit_open")).isGreaterThanOrEqualTo(5);
        assertThat(scrape()).contains("resilience4j_circuitbreaker_state{application=\"api-gateway\",name=\"user-service\",state=\"open\"} 1.0");
    }

    @Test
    void writeToAServiceThatIsDownShouldFailFastWith503AndReachNoOne() {
        admin.writesTo("orders", "SERVICE");
        Instant start = Instant.now();

        client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"userId\":1}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().valueEquals("X-Served-By", "api-gateway")
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("nothing was changed"));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(monolith.received()).isEmpty();
    }

    @Test
    void writeThatTheServiceFailsShouldReachTheClientAndNeverBeRetriedOrSentToTheMonolith() {
        admin.writesTo("users", "SERVICE");
        userService.answer((method, path) -> FakeBackend.Reply.json(500, "{\"title\":\"Internal error\"}"));

        client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\"}")
                .exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().valueEquals("X-Served-By", "user-service")
                .expectBody().jsonPath("$.title").isEqualTo("Internal error");

        assertThat(userService.received()).singleElement().satisfies(write -> assertThat(write.method())
                .isEqualTo("POST"));
        assertThat(monolith.received()).isEmpty();
    }

    @Test
    void writeThatTheServiceIsTooSlowForShouldTimeOutWithoutBeingRetried() {
        admin.writesTo("users", "SERVICE");
        userService.delay(Duration.ofSeconds(5));

        client.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .put().uri("/api/users/1").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Backend timeout");

        assertThat(userService.received()).hasSize(1);
        assertThat(monolith.received()).isEmpty();
    }

    @Test
    void writeWhileTheCircuitIsOpenShouldBeRefusedWithoutCallingTheService() {
        admin.writesTo("users", "SERVICE");
        breakers.circuitBreaker("user-service").transitionToOpenState();

        client.delete().uri("/api/users/1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("circuit breaker is open").contains("nothing was changed"));
        assertThat(userService.received()).isEmpty();
    }

    @Test
    void monolithThatHangsShouldGiveA504ProblemAfterTheResponseTimeout() {
        admin.reset("users");
        monolith.delay(Duration.ofSeconds(5));
        Instant start = Instant.now();

        client.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri("/api/products").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Backend timeout");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(4_500));
    }

    @Test
    void requestTheClientAbandonsShouldBeCountedAsCancelledNotAsASuccess() {
        admin.reset("users");
        monolith.delay(Duration.ofSeconds(3));

        try {
            client.mutate().responseTimeout(Duration.ofMillis(300)).build()
                    .get().uri("/api/products/abandoned").exchange().expectBody().returnResult();
        }
        catch (IllegalStateException | AssertionError timedOut) {
            // the client gives up, as intended
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrape()).contains(
                "strangler_requests_total{application=\"api-gateway\",backend=\"monolith\",capability=\"other\",operation=\"read\",outcome=\"cancelled\"}"));
    }

    private WebTestClient.ResponseSpec read(String path) {
        return client.get().uri(path).exchange();
    }

    private double fallbacks(String capability, String reason) {
        String line = "strangler_fallbacks_total{application=\"api-gateway\",capability=\"" + capability
                + "\",reason=\"" + reason + "\"} ";
        return scrape().lines().filter(candidate -> candidate.startsWith(line)).findFirst()
                .map(found -> Double.parseDouble(found.substring(line.length()))).orElse(0.0);
    }

    private String scrape() {
        return Scrape.of(client);
    }
}
