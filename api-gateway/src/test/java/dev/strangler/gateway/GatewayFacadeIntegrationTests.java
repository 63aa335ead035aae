package dev.strangler.gateway;

import dev.strangler.gateway.support.Admin;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import dev.strangler.gateway.support.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The facade before any migration: everything reaches the monolith untouched, tagged, logged and counted.
 */
@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class GatewayFacadeIntegrationTests {

    static final FakeBackend monolith = FakeBackend.start("monolith");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        monolith.registerIn(registry);
    }

    @AfterAll
    static void stopBackend() {
        monolith.close();
    }

    @Autowired
    WebTestClient client;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @BeforeEach
    void stateLoaded() {
        new Admin(client).awaitLoaded();
    }

    @Test
    void readShouldBeServedByTheMonolithWithACorrelationIdThatReachedIt() {
        var result = client.get().uri("/api/users/42").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody(String.class).returnResult();

        String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(requestId).isNotBlank();
        assertThat(result.getResponseBody()).isEqualTo("{\"method\":\"GET\",\"path\":\"/api/users/42\"}");
        assertThat(monolith.received()).anySatisfy(received -> {
            assertThat(received.uri()).isEqualTo("/api/users/42");
            assertThat(received.requestId()).isEqualTo(requestId);
        });
    }

    @Test
    void wellFormedClientRequestIdShouldBeKeptAndAMalformedOneReplaced() {
        client.get().uri("/api/products").header("X-Request-Id", "client-id-1").exchange()
                .expectHeader().valueEquals("X-Request-Id", "client-id-1")
                .expectBody().returnResult();

        var replaced = client.get().uri("/api/products").header("X-Request-Id", "no spaces allowed\tor tabs")
                .exchange().expectStatus().isOk().expectBody().returnResult();
        assertThat(replaced.getResponseHeaders().getFirst("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void writeShouldReachTheMonolithWithItsBodyStatusAndLocationAndNoSecurityInTheWay() {
        var answer = client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"ada@example.com\",\"name\":\"Ada\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectHeader().valueEquals("Location", "/api/users/1")
                .expectBody().returnResult();

        // The admin API's security must not touch shop traffic: no CSRF refusal, no headers of its own.
        assertThat(answer.getResponseHeaders().containsHeader("X-Frame-Options")).isFalse();
        assertThat(answer.getResponseHeaders().containsHeader("Cache-Control")).isFalse();
        assertThat(monolith.received()).anySatisfy(received -> {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.body()).isEqualTo("{\"email\":\"ada@example.com\",\"name\":\"Ada\"}");
        });
    }

    @Test
    void backendShouldLearnHowTheClientReachedTheGatewayAndNothingTheClientClaims() {
        client.get().uri("/api/users/43")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "for=6.6.6.6;host=evil.example")
                .exchange().expectStatus().isOk().expectBody().returnResult();

        assertThat(monolith.received()).filteredOn(received -> received.uri().equals("/api/users/43"))
                .singleElement().satisfies(received -> {
                    assertThat(received.headers()).containsEntry("X-Forwarded-Host", "localhost:" + port)
                            .containsEntry("X-Forwarded-Port", Integer.toString(port))
                            .containsEntry("X-Forwarded-Proto", "http")
                            .containsEntry("X-Forwarded-For", "127.0.0.1")
                            .doesNotContainKey("Forwarded");
                });
    }

    @Test
    void internalApisShouldNeverBeReachedFromOutsideHoweverThePathIsWritten() throws Exception {
        var http = HttpClient.newHttpClient();
        for (String path : List.of("/internal/stock/reservations/1000000001", "/internal",
                "//internal/stock/reservations/1", "/api/../internal/stock/reservations/1",
                "/internal;x=1/stock/reservations/1", "/%69nternal/stock/reservations/1", "/INTERNAL/stock")) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(
                                "{\"lines\":[{\"productId\":1,\"quantity\":1}]}"))
                        .build();

                var answer = http.send(request, HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as("%s %s", method, path).isEqualTo(404);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(answer.body()).contains("\"title\":\"Not found\"");
            }
        }
        assertThat(monolith.received()).noneSatisfy(received ->
                assertThat(received.uri().toLowerCase(Locale.ROOT)).contains("nternal"));

        // Not a blanket refusal: a path merely containing the word still reaches the monolith.
        client.get().uri("/api/products/internal").exchange().expectStatus().isOk().expectBody().returnResult();
        assertThat(monolith.count("/api/products/internal")).isOne();
    }

    @Test
    void storefrontPagesShouldGoToTheMonolithToo() {
        client.get().uri("/products/3").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().returnResult();
    }

    @Test
    void everyRequestShouldGetOneAccessLogLine(CapturedOutput output) {
        client.get().uri("/api/users/7/orders").header("X-Request-Id", "log-line-1").exchange()
                .expectStatus().isOk().expectBody().returnResult();

        await().untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("request_id=log-line-1")))
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("GET /api/users/7/orders capability=orders backend=monolith status=200 duration_ms=")));
    }

    @Test
    void requestsShouldBeCountedByCapabilityOperationBackendAndOutcome() {
        client.get().uri("/api/users/7/orders").exchange().expectStatus().isOk().expectBody().returnResult();
        client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isCreated().expectBody().returnResult();

        String scrape = Scrape.of(client);

        assertThat(scrape)
                .contains("strangler_requests_total{application=\"api-gateway\",backend=\"monolith\",capability=\"orders\",operation=\"read\",outcome=\"success\"}")
                .contains("strangler_requests_total{application=\"api-gateway\",backend=\"monolith\",capability=\"orders\",operation=\"write\",outcome=\"success\"}")
                .contains("strangler_migration_mode{application=\"api-gateway\",capability=\"users\",mode=\"MONOLITH\",operation=\"read\"} 1.0")
                .contains("strangler_migration_percent{application=\"api-gateway\",capability=\"orders\"} 0.0")
                .contains("strangler_migration_mode{application=\"api-gateway\",capability=\"notifications\",mode=\"MONOLITH\",operation=\"mode\"} 1.0")
                .contains("strangler_migration_mode{application=\"api-gateway\",capability=\"notifications\",mode=\"SERVICE\",operation=\"mode\"} 0.0")
                .contains("spring_cloud_gateway_requests_seconds")
                .contains("jvm_memory_used_bytes");
    }
}
