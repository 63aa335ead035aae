package dev.strangler.systemtests;

import dev.strangler.devstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Step 6 of the story, the e-mail half, on the local stack as processes: registrations and orders flow through the
 * gateway while the {@code notifications} capability moves MONOLITH → SERVICE → MONOLITH, and the SMTP server ends
 * up with exactly one e-mail per event: none lost in a hand-over, none sent by both sides.
 */
class NotificationsSwitchIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(NotificationsSwitchIntegrationTests.class);
    private static final int CUSTOMERS = 250;
    private static final int CLIENTS = 4;

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
    void everyRegistrationAndOrderShouldGetExactlyOneEmailAcrossBothSwitches() throws Exception {
        List<Long> products = productsWithStock();
        Map<String, Long> orderOf = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> customers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int i = 0; i < CUSTOMERS; i++) {
                long product = products.get(i % products.size());
                customers.add(clients.submit(() -> {
                    String email = "switch-" + UUID.randomUUID() + "@example.com";
                    long user = http.expect(201, as(email, "POST", "/api/users", """
                            {"email": "%s", "name": "Switch Customer"}""".formatted(email))).path("id").asLong();
                    long order = http.expect(201, as(email, "POST", "/api/orders", """
                            {"userId": %d, "lines": [{"productId": %d, "quantity": 1}]}""".formatted(user, product)))
                            .path("id").asLong();
                    orderOf.put(email, order);
                    done.incrementAndGet();
                }));
            }
            // The switches happen while customers register and order, at about a third and two thirds of them.
            await().atMost(Duration.ofMinutes(3)).until(() -> done.get() >= CUSTOMERS / 3);
            notifications("SERVICE");
            log.info("notifications → SERVICE after {} customers", done.get());
            await().atMost(Duration.ofMinutes(3)).until(() -> done.get() >= CUSTOMERS * 2 / 3);
            notifications("MONOLITH");
            log.info("notifications → MONOLITH after {} customers", done.get());
            for (Future<?> customer : customers) {
                customer.get();
            }
        }
        assertThat(orderOf).hasSize(CUSTOMERS);

        // Two e-mails per customer, one per event: the welcome, and the confirmation naming the order.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, List<String>> inbox = subjectsByRecipient();
            assertThat(orderOf).allSatisfy((email, order) -> assertThat(inbox.get(email)).as(email)
                    .hasSize(2)
                    .satisfiesOnlyOnce(subject -> assertThat(subject).contains("#" + order)));
        });
        Map<String, List<String>> inbox = subjectsByRecipient();
        int sent = orderOf.keySet().stream().mapToInt(email -> inbox.get(email).size()).sum();
        log.info("{} customers, {} e-mails to them, exactly one per event", CUSTOMERS, sent);
        assertThat(sent).isEqualTo(2 * CUSTOMERS);

        // Both sides really sent some of them: the switches fell in the middle of the traffic.
        String metrics = http.get(http.at("notification-service", "/actuator/prometheus")).body();
        double byService = total(metrics, "strangler_notifications_sent_total{");
        double byMonolith = total(metrics, "strangler_notifications_sent_by_monolith_total{");
        log.info("notification-service sent {}, recorded {} as sent by the monolith", byService, byMonolith);
        assertThat(byService).isPositive();
        assertThat(byMonolith).isPositive();
        assertThat(byService + byMonolith).isGreaterThanOrEqualTo(2 * CUSTOMERS);
    }

    private static double total(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private HttpResponse<String> as(String client, String method, String path, String body) {
        // Each customer is its own client of the gateway, whose rate limit is per client.
        return StackClient.send(HttpRequest.newBuilder(http.gateway(path)).header("X-Api-Key", client)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private void notifications(String mode) {
        http.expect(200, http.admin("PUT", http.gateway("/admin/migration/notifications"),
                "{\"mode\":\"%s\"}".formatted(mode)));
    }

    private List<Long> productsWithStock() {
        var ids = new ArrayList<Long>();
        for (JsonNode product : http.expect(200, http.get(http.gateway("/api/products?size=100"))).path("content")) {
            if (product.path("stock").asInt() >= 15) {
                ids.add(product.path("id").asLong());
            }
        }
        assertThat(ids.size() * 15).as("stock for %d orders", CUSTOMERS).isGreaterThanOrEqualTo(CUSTOMERS);
        return ids;
    }

    private Map<String, List<String>> subjectsByRecipient() {
        JsonNode mails = StackClient.read(http.get(URI.create(stack.mail().httpUrl() + "/api/messages")).body());
        var byRecipient = new HashMap<String, List<String>>();
        for (JsonNode mail : mails) {
            byRecipient.computeIfAbsent(mail.path("to").get(0).asString(), to -> new ArrayList<>())
                    .add(mail.path("subject").asString());
        }
        return byRecipient;
    }
}
