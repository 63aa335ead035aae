package dev.strangler.gateway.ratelimit;

import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each client, by API key else IP address, gets its own budget; beyond it, a 429 problem with Retry-After, and the
 * request goes nowhere.
 */
@GatewayIntegrationTest
class ClientRateLimitIntegrationTests {

    static final FakeBackend monolith = FakeBackend.start("monolith");

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        monolith.registerIn(registry);
        registry.add("strangler.rate-limit.burst", () -> "5");
        registry.add("strangler.rate-limit.refill", () -> "1");
        registry.add("strangler.rate-limit.period", () -> "1m");
    }

    @AfterAll
    static void stopBackend() {
        monolith.close();
    }

    @Autowired
    WebTestClient client;

    @Test
    void clientOverItsBudgetShouldGetA429ProblemWithRetryAfterAndNothingForwarded() {
        for (int i = 0; i < 5; i++) {
            get("/api/products/" + i, "client-a").expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(4 - i))
                    .expectBody().returnResult();
        }

        get("/api/products/5", "client-a")
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", retry -> assertThat(Long.parseLong(retry)).isBetween(1L, 60L))
                .expectHeader().exists("X-Request-Id")
                .expectHeader().valueEquals("X-Served-By", "api-gateway")
                .expectBody().jsonPath("$.title").isEqualTo("Too many requests")
                .jsonPath("$.status").isEqualTo(429);
        assertThat(monolith.count("/api/products/5")).isZero();
    }

    @Test
    void eachApiKeyShouldHaveABudgetOfItsOwn() {
        for (int i = 0; i < 6; i++) {
            get("/api/products", "client-b").expectBody().returnResult();
        }

        get("/api/products", "client-c").expectStatus().isOk().expectBody().returnResult();
    }

    @Test
    void clientWithoutAnApiKeyShouldBeLimitedByItsAddress() {
        long answered = IntStream.range(0, 7)
                .map(i -> client.get().uri("/api/products").exchange().expectBody().returnResult().getStatus().value())
                .filter(status -> status == 200)
                .count();

        assertThat(answered).isEqualTo(5);
    }

    @Test
    void healthAndMetricsShouldNeverBeLimited() {
        for (int i = 0; i < 20; i++) {
            client.get().uri("/actuator/health/liveness").header("X-Api-Key", "scraper").exchange()
                    .expectStatus().isOk().expectBody().returnResult();
        }
    }

    private WebTestClient.ResponseSpec get(String path, String apiKey) {
        return client.get().uri(path).header("X-Api-Key", apiKey).exchange();
    }
}
