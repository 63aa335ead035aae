package dev.strangler.systemtests;

import dev.strangler.devstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.URI;
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
 * End to end: the local stack as separate processes (PostgreSQL, Kafka, SMTP, the monolith, the services, api-gateway), driven over
 * HTTP through the gateway the way a client would.
 */
class LocalSystemIntegrationTests {


    @TempDir
    static Path dataDir;

    static LocalStack stack;
    static StackClient http;
    static List<Long> childPids = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() {
        Path repoRoot = Path.of(System.getProperty("strangler.repo.root", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStack.Options.randomPorts(repoRoot, dataDir).withSeed(true));
        http = new StackClient(stack);
        childPids.add(stack.kafka().pid());
        stack.services().values().forEach(service -> childPids.add(service.pid()));
    }

    @AfterAll
    static void stopTheSystem() {
        stack.close();
        assertThat(childPids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("process %d after stop", pid).isNotEqualTo(java.util.Optional.of(true)));
    }

    @Test
    void everyPieceShouldRunAsItsOwnProcess() {
        var pids = new java.util.HashSet<Long>(List.of(ProcessHandle.current().pid(), stack.kafka().pid()));
        stack.services().values().forEach(service -> pids.add(service.pid()));
        assertThat(pids).as("the test JVM, Kafka and every service: separate processes").hasSize(2 + stack.services().size());
        assertThat(stack.services().keySet()).containsExactly("monolith", "user-service", "order-service",
                "notification-service", "api-gateway");
        for (String service : stack.services().keySet()) {
            var health = send(HttpRequest.newBuilder(URI.create(stack.service(service).baseUrl() + "/actuator/health")));
            assertThat(read(health.body()).path("status").asString()).as(service).isEqualTo("UP");
        }
    }

    @Test
    void migrationStateShouldChangeAtRunTimeAndSurviveAGatewayRestart() {
        assertThat(admin("GET", "/admin/migration", null, false).statusCode()).isEqualTo(401);
        JsonNode state = read(admin("GET", "/admin/migration", null, true).body());
        assertThat(state.path("loaded").asBoolean()).isTrue();
        assertThat(state.path("capabilities").path("orders").path("reads").path("mode").asString()).isEqualTo("MONOLITH");
        try {
            var moved = admin("PUT", "/admin/migration/orders/reads", "{\"mode\":\"SERVICE\"}", true);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

            // At once, without a restart: order-service answers order reads (404 for an order it has not received).
            var read = send(HttpRequest.newBuilder(gateway("/api/orders/1")));
            assertThat(read.headers().firstValue("X-Served-By")).as(read.body()).hasValue("order-service");
            assertThat(read.statusCode()).as(read.body()).isIn(200, 404);

            var gateway = stack.service("api-gateway");
            gateway.restart().waitUntilHealthy(Duration.ofSeconds(120));
            childPids.add(gateway.pid());
            assertThat(read(admin("GET", "/admin/migration", null, true).body())
                    .path("capabilities").path("orders").path("reads").path("mode").asString()).isEqualTo("SERVICE");
        }
        finally {
            assertThat(admin("PUT", "/admin/migration/orders/reads", "{\"mode\":\"MONOLITH\"}", true).statusCode())
                    .isEqualTo(200);
        }
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
        // The client must only ever see the gateway's address, never the backend's.
        assertThat(registered.headers().firstValue("Location")).hasValue(
                stack.service("api-gateway").baseUrl() + "/api/users/" + userId);

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
        // notifications is MONOLITH: the monolith sent both inline and stamped the events, so notification-service
        // only records them; once it has, the inbox still holds exactly those two.
        URI history = URI.create(stack.service("notification-service").baseUrl() + "/api/notifications?recipient="
                + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                read(send(HttpRequest.newBuilder(history)).body()).path("content").valueStream()
                        .map(notification -> notification.path("status").asString()).toList())
                .containsExactly("SENT_BY_MONOLITH", "SENT_BY_MONOLITH"));
        assertThat(mailsTo(email)).hasSize(2);
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
        var response = send(HttpRequest.newBuilder(gateway(path)));
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        assertServedByTheMonolith(response);
        return read(response.body());
    }

    private HttpResponse<String> post(String path, String body) {
        var response = send(HttpRequest.newBuilder(gateway(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertServedByTheMonolith(response);
        return response;
    }

    /** Every request enters through the gateway, and while no service exists the monolith answers all of them. */
    private static void assertServedByTheMonolith(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-Served-By")).as("X-Served-By").hasValue("monolith");
        assertThat(response.headers().firstValue("X-Request-Id")).as("X-Request-Id").isPresent();
    }

    private static HttpResponse<String> admin(String method, String path, String body, boolean authenticated) {
        return authenticated ? http.admin(method, gateway(path), body) : http.send(method, gateway(path), body);
    }

    private static URI gateway(String path) {
        return http.gateway(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return StackClient.send(request);
    }

    private static JsonNode read(String body) {
        return StackClient.read(body);
    }
}
