package dev.strangler.systemtests;

import dev.strangler.devstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Phase 0 end to end: the local stack as separate processes (PostgreSQL, Kafka, SMTP, monolith), driven over HTTP
 * the way a client would.
 */
class LocalSystemIntegrationTests {

    static final JsonMapper json = JsonMapper.builder().build();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dataDir;

    static LocalStack stack;
    static List<Long> childPids = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() {
        Path repoRoot = Path.of(System.getProperty("strangler.repo.root", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStack.Options.randomPorts(repoRoot, dataDir).withSeed(true));
        childPids.add(stack.kafka().pid());
        childPids.add(stack.service("monolith").pid());
    }

    @AfterAll
    static void stopTheSystem() {
        stack.close();
        assertThat(childPids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("process %d after stop", pid).isNotEqualTo(java.util.Optional.of(true)));
    }

    @Test
    void everyPieceShouldRunAsItsOwnProcess() {
        long self = ProcessHandle.current().pid();
        assertThat(stack.kafka().pid()).isNotEqualTo(self);
        assertThat(stack.service("monolith").pid()).isNotEqualTo(self).isNotEqualTo(stack.kafka().pid());
        assertThat(get("/actuator/health").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void registerAndOrderShouldSendBothEmailsAndTakeStock() {
        JsonNode product = firstProductWithStock(3);
        long productId = product.path("id").asLong();
        int stockBefore = product.path("stock").asInt();
        String email = "system-" + UUID.randomUUID() + "@example.com";

        var registered = post("/api/users", """
                {"email": "%s", "name": "System Test"}""".formatted(email));
        assertThat(registered.statusCode()).isEqualTo(201);
        long userId = read(registered.body()).path("id").asLong();
        assertThat(registered.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/users/" + userId));

        var ordered = post("/api/orders", """
                {"userId": %d, "lines": [{"productId": %d, "quantity": 2}]}""".formatted(userId, productId));
        assertThat(ordered.statusCode()).isEqualTo(201);
        JsonNode order = read(ordered.body());
        assertThat(order.path("userId").asLong()).isEqualTo(userId);
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);

        assertThat(get("/api/products/" + productId).path("stock").asInt()).isEqualTo(stockBefore - 2);
        assertThat(get("/api/users/" + userId + "/orders").path("totalElements").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mailsTo(email))
                .containsExactly("Welcome to Strangler Shop, System Test",
                        "Your Strangler Shop order #" + order.path("id").asLong()));
    }

    @Test
    void badOrderShouldBeRefusedWithAProblemAndTakeNoStock() {
        JsonNode product = firstProductWithStock(1);
        long productId = product.path("id").asLong();

        var refused = post("/api/orders", """
                {"userId": 1, "lines": [{"productId": %d, "quantity": 0}]}""".formatted(productId));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get("/api/products/" + productId).path("stock").asInt()).isEqualTo(product.path("stock").asInt());
    }

    private JsonNode firstProductWithStock(int atLeast) {
        for (JsonNode product : get("/api/products?size=100").path("content")) {
            if (product.path("stock").asInt() >= atLeast) {
                return product;
            }
        }
        throw new AssertionError("The demo catalog has no product with " + atLeast + " in stock");
    }

    private List<String> mailsTo(String email) {
        JsonNode inbox = read(send(HttpRequest.newBuilder(URI.create(stack.mail().httpUrl() + "/api/messages")))
                .body());
        var subjects = new ArrayList<String>();
        for (JsonNode mail : inbox) {
            if (mail.path("to").get(0).asString().equals(email)) {
                subjects.add(mail.path("subject").asString());
            }
        }
        return subjects;
    }

    private JsonNode get(String path) {
        var response = send(HttpRequest.newBuilder(monolith(path)));
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return read(response.body());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(monolith(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static URI monolith(String path) {
        return URI.create(stack.service("monolith").baseUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new AssertionError("Request failed: " + ex, ex);
        }
    }

    private static JsonNode read(String body) {
        return json.readTree(body);
    }
}
