package dev.strangler.systemtests;

import dev.strangler.devstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.strangler.systemtests.Orders.FIRST_SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orders migration (issue 6) on the local stack as processes, driven through the gateway as an operator and
 * clients would: the legacy orders backfilled into order-service, reads in SHADOW with no mismatch, CANARY, SERVICE,
 * then order-service owning writes (it reserves the stock at the monolith), and the rollback. Orders are placed on
 * both sides of every switch; in the end every one of them is visible through the gateway, at the monolith and at
 * order-service, the monolith's stock went down by exactly what was ordered, every order got exactly one
 * confirmation e-mail (and the backfill none), and the reconciliation finds no drift.
 */
class OrdersMigrationIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(OrdersMigrationIntegrationTests.class);
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    /** Kept when the test fails: the services' logs are in its logs/ folder. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    static LocalStack stack;
    static StackClient http;
    static Orders orders;

    @BeforeAll
    static void startTheSystem() {
        Path repoRoot = Path.of(System.getProperty("strangler.repo.root", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStack.Options.randomPorts(repoRoot, dataDir).withSeed(true));
        http = new StackClient(stack);
        orders = new Orders(stack, http);
    }

    @AfterAll
    static void stopTheSystem() {
        stack.close();
    }

    @Test
    void ordersShouldMoveToOrderServiceAndBackWithoutLosingAnOrderAnEmailOrAUnitOfStock() {
        int stockBefore = Orders.total(orders.stock());
        List<Long> products = orders.productsWithStock(10);
        assertThat(products).as("products of the demo catalog with stock").hasSizeGreaterThanOrEqualTo(4);
        List<Long> legacy = monolithOrderIds();
        assertThat(legacy).as("the demo data's orders").isNotEmpty();
        // The playbook moves users before orders: their backfill has given every legacy user to the services (the
        // legacy orders' confirmations, republished by the orders backfill, name their recipients).
        backfill("users");
        var customers = List.of(orders.register("Ada Orders"), orders.register("Grace Orders"),
                orders.register("Linus Orders"));
        orders.awaitKnownToOrderService(customers);
        var placed = new ArrayList<Orders.Placed>();

        // The monolith owns orders: it places them, and its order.created events reach order-service.
        placed.add(placeOn("monolith", customers.get(0), products.get(0), 2));
        placed.add(placeOn("monolith", customers.get(1), products.get(1), 1));

        // Copy the legacy orders over, then prove the copy.
        backfill("orders");
        assertZeroDrift("after the backfill");

        // Shadow: the monolith answers, order-service's answer is compared, and agrees on every order.
        reads("SHADOW", null);
        placed.add(placeOn("monolith", customers.get(2), products.get(2), 1));
        List<Long> everyOrder = monolithOrderIds();
        awaitOnOrderService(placed);
        for (long id : everyOrder) {
            HttpResponse<String> read = readOrder(id);
            assertThat(read.statusCode()).as("order %d in SHADOW", id).isEqualTo(200);
            assertThat(StackClient.servedBy(read)).isEqualTo("monolith");
        }
        await("every shadow comparison is in").atMost(EVENTUALLY).untilAsserted(() -> assertThat(
                shadowComparisons().values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThanOrEqualTo(everyOrder.size()));
        JsonNode shadow = http.expect(200, http.admin("GET", http.gateway("/admin/migration/orders/mismatches"), null));
        assertThat(shadow.path("comparisons").path("match").asLong()).as(shadow.toString())
                .isGreaterThanOrEqualTo(everyOrder.size());
        assertThat(shadow.path("comparisons").path("mismatch").asLong()).as(shadow.toString()).isZero();
        assertThat(shadow.path("comparisons").path("error").asLong()).as(shadow.toString()).isZero();
        assertThat(shadow.path("mismatches")).as("the last mismatches").isEmpty();

        // Canary at 50 %: each client sticks to one side; both sides serve some.
        reads("CANARY", 50);
        Map<String, Integer> sides = new HashMap<>();
        for (long id : everyOrder) {
            HttpResponse<String> read = readOrder(id);
            assertThat(read.statusCode()).as("order %d in CANARY", id).isEqualTo(200);
            sides.merge(StackClient.servedBy(read), 1, Integer::sum);
            assertThat(StackClient.servedBy(readOrder(id))).as("order %d again", id)
                    .isEqualTo(StackClient.servedBy(read));
        }
        log.info("Canary 50 % over {} orders: {}", everyOrder.size(), sides);
        assertThat(sides).containsOnlyKeys("monolith", "order-service");

        // order-service answers every read; an order the monolith still places reaches it.
        reads("SERVICE", null);
        Orders.Placed beforeWrites = placeOn("monolith", customers.get(0), products.get(3), 1);
        placed.add(beforeWrites);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(readOrder(beforeWrites.id()).statusCode())
                .isEqualTo(200));
        for (long id : monolithOrderIds()) {
            HttpResponse<String> read = readOrder(id);
            assertThat(read.statusCode()).as("order %d in SERVICE", id).isEqualTo(200);
            assertThat(StackClient.servedBy(read)).isEqualTo("order-service");
        }

        // order-service owns writes: its own ids, its reservations take the monolith's stock, and the monolith
        // receives its orders. An order the monolith's own API is given is handed over, never written there.
        writes("SERVICE");
        placed.add(placeOn("order-service", customers.get(1), products.get(0), 3));
        placed.add(placeOn("order-service", customers.get(2), products.get(1), 1));
        Orders.Placed handedOver = placeAtTheMonolithDirectly(customers.get(0), products.get(2), 2);
        placed.add(handedOver);
        assertThat(handedOver.id()).as("an order the monolith handed over").isGreaterThanOrEqualTo(FIRST_SERVICE_ID);
        awaitOnMonolith(placed);
        assertZeroDrift("after the write switch");

        // Rollback: the monolith owns orders again, and order-service keeps receiving them.
        writes("MONOLITH");
        reads("MONOLITH", null);
        placed.add(placeOn("monolith", customers.get(1), products.get(3), 1));
        placed.add(placeOn("monolith", customers.get(2), products.get(0), 1));
        awaitOnOrderService(placed);

        // Every order everywhere, with the same content.
        for (Orders.Placed order : placed) {
            JsonNode atTheGateway = http.expect(200, readOrder(order.id()));
            JsonNode atTheMonolith = http.expect(200, orders.orderOn("monolith", order.id()));
            JsonNode atTheService = http.expect(200, orders.orderOn("order-service", order.id()));
            for (JsonNode seen : List.of(atTheGateway, atTheMonolith, atTheService)) {
                assertSameOrder(order, seen);
            }
            assertThat(Instant.parse(atTheService.path("createdAt").asString())).as("order %d's time", order.id())
                    .isEqualTo(Instant.parse(atTheMonolith.path("createdAt").asString()));
        }
        for (Orders.Customer customer : customers) {
            long mine = placed.stream().filter(order -> order.customer().equals(customer)).count();
            for (String side : List.of("monolith", "order-service")) {
                assertThat(http.expect(200, http.get(http.at(side, "/api/users/" + customer.id() + "/orders")))
                        .path("totalElements").asLong()).as("%s's history of customer %d", side, customer.id())
                        .isEqualTo(mine);
            }
        }

        // Stock: exactly what was ordered was taken, once, on whichever side placed the order.
        int ordered = placed.stream().mapToInt(Orders.Placed::quantity).sum();
        assertThat(Orders.total(orders.stock())).as("stock after %d units ordered", ordered)
                .isEqualTo(stockBefore - ordered);

        // One confirmation per order, from whichever side, and none for the backfilled legacy orders.
        List<Long> placedIds = placed.stream().map(Orders.Placed::id).toList();
        await("a confirmation for every order").atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(orders.confirmations()).containsOnlyKeys(placedIds));
        assertZeroDrift("after the rollback");
        assertThat(orders.confirmations()).as("confirmations per order").containsOnlyKeys(placedIds)
                .allSatisfy((order, count) -> assertThat(count).as("e-mails for order %d", order).isOne());
        assertThat(http.get(http.gateway("/actuator/prometheus")).body())
                .contains("strangler_reconciliation_drift{application=\"api-gateway\",capability=\"orders\"} 0.0");
        log.info("{} orders placed across the switches ({} units), {} legacy orders backfilled: all on both sides",
                placed.size(), ordered, legacy.size());
    }

    private Orders.Placed placeOn(String expectedSide, Orders.Customer customer, long product, int quantity) {
        Orders.Placed order = orders.place(customer, List.of(new Orders.Line(product, quantity)));
        assertThat(order.status()).as("order on %s: %s", expectedSide, order.response().body()).isEqualTo(201);
        assertThat(order.servedBy()).isEqualTo(expectedSide);
        if (expectedSide.equals("monolith")) {
            assertThat(order.id()).isLessThan(FIRST_SERVICE_ID);
        }
        else {
            assertThat(order.id()).isGreaterThanOrEqualTo(FIRST_SERVICE_ID);
        }
        return order;
    }

    /** The monolith's own orders API, as its storefront or an old client would use it, bypassing the gateway. */
    private Orders.Placed placeAtTheMonolithDirectly(Orders.Customer customer, long product, int quantity) {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> response = StackClient.send(HttpRequest.newBuilder(http.at("monolith", "/api/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"userId": %d, "lines": [{"productId": %d, "quantity": %d}]}"""
                        .formatted(customer.id(), product, quantity))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Orders.Placed(response, customer, List.of(new Orders.Line(product, quantity)), key);
    }

    private static void assertSameOrder(Orders.Placed placed, JsonNode seen) {
        JsonNode answered = StackClient.read(placed.response().body());
        assertThat(seen.path("id").asLong()).isEqualTo(placed.id());
        assertThat(seen.path("userId").asLong()).as("order %d's user", placed.id()).isEqualTo(placed.customer().id());
        assertThat(seen.path("status").asString()).as("order %d's status", placed.id())
                .isEqualTo(answered.path("status").asString());
        assertThat(seen.path("total").decimalValue()).as("order %d's total", placed.id())
                .isEqualByComparingTo(answered.path("total").decimalValue());
        var lines = new ArrayList<Orders.Line>();
        seen.path("lines").forEach(line -> lines.add(new Orders.Line(line.path("productId").asLong(),
                line.path("quantity").asInt())));
        assertThat(lines).as("order %d's lines", placed.id()).containsExactlyElementsOf(placed.lines());
    }

    private void backfill(String entities) {
        http.expect(202, http.admin("POST", http.at("monolith", "/admin/backfill/" + entities), null));
        await("the " + entities + " backfill").atMost(EVENTUALLY).until(() -> "DONE".equals(http.expect(200,
                http.admin("GET", http.at("monolith", "/admin/backfill/" + entities), null)).path("state").asString()));
    }

    private void awaitOnOrderService(List<Orders.Placed> placed) {
        await("order-service has every order").atMost(EVENTUALLY).untilAsserted(() -> assertThat(placed)
                .allSatisfy(order -> assertThat(orders.orderOn("order-service", order.id()).statusCode())
                        .as("order %d at order-service", order.id()).isEqualTo(200)));
    }

    private void awaitOnMonolith(List<Orders.Placed> placed) {
        await("the monolith has every order").atMost(EVENTUALLY).untilAsserted(() -> assertThat(placed)
                .allSatisfy(order -> assertThat(orders.orderOn("monolith", order.id()).statusCode())
                        .as("order %d at the monolith", order.id()).isEqualTo(200)));
    }

    /** An order's read through the gateway, as a client of its own (the gateway's rate limit is per client). */
    private HttpResponse<String> readOrder(long id) {
        return StackClient.send(HttpRequest.newBuilder(http.gateway("/api/orders/" + id))
                .header("X-Api-Key", "order-reader-" + id));
    }

    private List<Long> monolithOrderIds() {
        return orders.ids("monolith", "select id from orders order by id");
    }

    private void reads(String mode, Integer percent) {
        String body = percent == null ? "{\"mode\":\"%s\"}".formatted(mode)
                : "{\"mode\":\"%s\",\"percent\":%d}".formatted(mode, percent);
        http.expect(200, http.admin("PUT", http.gateway("/admin/migration/orders/reads"), body));
    }

    private void writes(String mode) {
        http.expect(200, http.admin("PUT", http.gateway("/admin/migration/orders/writes"),
                "{\"mode\":\"%s\"}".formatted(mode)));
    }

    private Map<String, Long> shadowComparisons() {
        JsonNode report = http.expect(200, http.admin("GET", http.gateway("/admin/migration/orders/mismatches"), null));
        var counts = new HashMap<String, Long>();
        report.path("comparisons").properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    /** Asks the gateway to reconcile orders until both sides hold every order the monolith has, with no drift. */
    private void assertZeroDrift(String when) {
        await(when).atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            long expected = monolithOrderIds().size();
            JsonNode report = http.expect(200,
                    http.admin("POST", http.gateway("/admin/migration/orders/reconciliation"), null));
            assertThat(report.path("error").isMissingNode()).as(report.toString()).isTrue();
            assertThat(report.path("monolithCount").asLong()).as(report.toString()).isEqualTo(expected);
            assertThat(report.path("serviceCount").asLong()).as(report.toString()).isEqualTo(expected);
            assertThat(report.path("differingBuckets").asInt()).as(report.toString()).isZero();
            assertThat(report.path("drift").asInt()).as(report.toString()).isZero();
        });
        log.info("Orders reconciliation {}: zero drift", when);
    }
}
