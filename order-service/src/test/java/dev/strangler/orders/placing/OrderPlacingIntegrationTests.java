package dev.strangler.orders.placing;

import dev.strangler.orders.catalog.StockClient;
import dev.strangler.orders.support.MonolithStandIn;
import dev.strangler.orders.support.MonolithStandIn.Answer;
import dev.strangler.orders.support.MonolithStandIn.Request;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import dev.strangler.service.support.Http;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/orders against real PostgreSQL and Kafka, with a stand-in for the monolith's stock API that the tests
 * steer: the happy path, refusals that leave nothing behind, the Idempotency-Key, and every way the monolith can fail
 * (ADR 0038). The sweeper is run by hand here, on attempts aged by the test, so that nothing depends on the clock.
 */
@OrderServiceIntegrationTest
class OrderPlacingIntegrationTests {

    static final MonolithStandIn monolith = MonolithStandIn.start();
    static final long ADA = 42;
    static final String PROBLEM_JSON = "application/problem+json";

    @DynamicPropertySource
    static void monolithIsTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.monolith[0].uri", monolith::url);
        // Short, so that the timeout tests stay fast; the production values are in application.yml.
        registry.add("strangler.orders.monolith.read-timeout", () -> "400ms");
        registry.add("strangler.orders.attempts.sweeper-enabled", () -> "false");
        registry.add("strangler.orders.attempts.in-flight-wait", () -> "8s");
    }

    @AfterAll
    static void stopMonolith() {
        monolith.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    AbandonedAttempts sweeper;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        jdbc.execute("truncate order_attempts, idempotency_keys");
        jdbc.update("insert into users (id, email, name, version) values (?, 'ada@example.com', 'Ada Lovelace', 0)",
                ADA);
        breakers.circuitBreaker(StockClient.CATALOG).reset();
        monolith.forget();
        monolith.answer(OrderPlacingIntegrationTests::reserved);
    }

    @Test
    void placeOrderShouldReserveStockThenRecordTheOrderPricedByTheReservationWithItsEvent() {
        var answer = place("""
                {"userId":42,"lines":[{"productId":2,"quantity":3},{"productId":1,"quantity":1}]}""");

        assertThat(answer.statusCode()).isEqualTo(201);
        JsonNode order = json.readTree(answer.body());
        long id = order.get("id").asLong();
        assertThat(id).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(answer.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + port + "/api/orders/" + id);
        assertThat(order.get("userId").asLong()).isEqualTo(ADA);
        assertThat(order.get("status").asString()).isEqualTo("PLACED");
        // Amounts with two places, as the monolith answers them.
        assertThat(answer.body()).contains("""
                "lines":[{"productId":1,"sku":"KET-001","name":"Kettle","quantity":1,"unitPrice":24.90,"lineTotal":24.90},\
                {"productId":2,"sku":"MUG-001","name":"Mug","quantity":3,"unitPrice":7.50,"lineTotal":22.50}]""");
        assertThat(answer.body()).contains("\"total\":47.40");

        // The reservation named the order, with the lines in product-id order (how the monolith takes stock).
        assertThat(monolith.requests()).containsExactly(new Request("PUT", "/internal/stock/reservations/" + id,
                "{\"lines\":[{\"productId\":1,\"quantity\":1},{\"productId\":2,\"quantity\":3}]}"));
        assertThat(jdbc.queryForObject("select total from orders where id = ? and user_id = 42 and status = 'PLACED'",
                BigDecimal.class, id)).isEqualByComparingTo("47.40");
        assertThat(jdbc.queryForList("select sku from order_lines where order_id = ? order by line_no", String.class,
                id)).containsExactly("KET-001", "MUG-001");
        assertThat(count("order_attempts")).isZero();
        var event = jdbc.queryForMap("select topic, message_key, payload::text as payload, headers::text as headers "
                + "from event_outbox");
        assertThat(event).containsEntry("topic", "order.created").containsEntry("message_key", Long.toString(id));
        // No strangler-notified-by mark: notification-service sends the confirmation.
        assertThat(event.get("headers")).isIn(null, "{}");
        JsonNode payload = json.readTree((String) event.get("payload"));
        assertThat(payload.get("id").asLong()).isEqualTo(id);
        assertThat(payload.get("version").asLong()).isZero();
        assertThat(payload.get("lines")).isEqualTo(order.get("lines"));
        assertThat(payload.get("createdAt")).isEqualTo(order.get("createdAt"));
    }

    @Test
    void insufficientStockShouldAnswerTheMonolithsProblemAndLeaveNothingSoTheKeyCanBeUsedAgain() {
        monolith.answer(request -> Answer.problem(409, "Insufficient stock",
                "Not enough stock left of product 3 (TEA-001)"));

        var refused = place("{\"userId\":42,\"lines\":[{\"productId\":3,\"quantity\":1}]}", "Idempotency-Key", "k-1");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://strangler.dev/problems/insufficient-stock");
        assertThat(problem.get("title").asString()).isEqualTo("Insufficient stock");
        assertThat(problem.get("detail").asString()).isEqualTo("Not enough stock left of product 3 (TEA-001)");
        assertNothingLeft();

        // Stock is back: the same key places the order.
        monolith.answer(OrderPlacingIntegrationTests::reserved);
        var placed = place("{\"userId\":42,\"lines\":[{\"productId\":3,\"quantity\":1}]}", "Idempotency-Key", "k-1");
        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(count("orders")).isOne();
    }

    @Test
    void unknownProductShouldAnswer422AndLeaveNothing() {
        monolith.answer(request -> Answer.problem(422, "Unknown product", "Product 999 does not exist"));

        var refused = place("{\"userId\":42,\"lines\":[{\"productId\":999,\"quantity\":1}]}", "Idempotency-Key", "k-2");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).get("detail").asString()).isEqualTo("Product 999 does not exist");
        assertNothingLeft();
    }

    @Test
    void userNotInTheReplicaShouldAnswer422SayingItMayNotHaveArrivedYetWithoutAskingTheMonolith() {
        var refused = place("{\"userId\":7,\"lines\":[{\"productId\":1,\"quantity\":1}]}", "Idempotency-Key", "k-3");

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("title").asString()).isEqualTo("Unknown user");
        assertThat(problem.get("detail").asString()).contains("User 7 does not exist here or may not have arrived yet");
        assertThat(monolith.requests()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void invalidBodyRepeatedProductAndInvalidKeyShouldAnswer400WithoutAskingTheMonolith() {
        var invalid = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":0}]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json.readTree(invalid.body()).get("errors").toString())
                .isEqualTo("[{\"field\":\"lines[0].quantity\",\"message\":\"must be greater than 0\"}]");

        var repeated = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1},{\"productId\":1,\"quantity\":2}]}");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(json.readTree(repeated.body()).get("title").asString()).isEqualTo("Repeated product");

        var badKey = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}", "Idempotency-Key", "k".repeat(101));
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badKey.body()).get("title").asString()).isEqualTo("Invalid idempotency key");

        assertThat(monolith.requests()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void repeatedRequestWithTheSameKeyShouldGetTheFirstAnswerAndNoSecondOrder() {
        String body = "{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":2}]}";
        var first = place(body, "Idempotency-Key", "same-key");
        // Other spacing and field order: the same request.
        var again = place("{ \"lines\": [{\"quantity\": 2, \"productId\": 1}], \"userId\": 42 }",
                "Idempotency-Key", "same-key");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(monolith.requests()).hasSize(1);
        assertThat(count("orders")).isOne();
        assertThat(count("event_outbox")).isOne();
    }

    @Test
    void keyReusedForAnotherRequestShouldAnswer422AndChangeNothing() {
        assertThat(place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":2}]}", "Idempotency-Key", "k-4")
                .statusCode()).isEqualTo(201);

        var reused = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":3}]}", "Idempotency-Key", "k-4");

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(json.readTree(reused.body()).get("title").asString()).isEqualTo("Idempotency key reused");
        assertThat(monolith.requests()).hasSize(1);
        assertThat(count("orders")).isOne();
    }

    @Test
    void tenConcurrentRequestsWithTheSameKeyShouldPlaceOneOrderAndAllGetItsAnswer() throws Exception {
        // Slow enough that every duplicate arrives while the first is between tx1 and tx2 (but within the timeout).
        monolith.answer(request -> reserved(request).after(Duration.ofMillis(250)));
        String body = "{\"userId\":42,\"lines\":[{\"productId\":2,\"quantity\":1}]}";
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit((Callable<HttpResponse<String>>) () -> place(body, "Idempotency-Key", "burst")));
            }
        }

        var first = answers.getFirst().get();
        assertThat(first.statusCode()).isEqualTo(201);
        for (var answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(201);
            assertThat(answer.get().body()).isEqualTo(first.body());
            assertThat(answer.get().headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        }
        assertThat(monolith.requests()).hasSize(1);
        assertThat(count("orders")).isOne();
        assertThat(count("event_outbox")).isOne();
        assertThat(count("order_attempts")).isZero();
    }

    @Test
    void monolithFailingShouldAnswer503FastAndLeaveTheAttemptWhichTheSweeperCompensates() {
        monolith.answer(request -> Answer.status(500));
        double compensated = meters.counter("strangler.stock.reservations.compensated").count();

        long started = System.nanoTime();
        var failed = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}", "Idempotency-Key", "k-5");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(failed.headers().firstValue("Retry-After")).hasValue("5");
        // Idempotent, so retried once: 2 PUTs of the same reservation.
        assertThat(monolith.requests()).extracting(Request::method).containsExactly("PUT", "PUT");
        long orderId = monolith.requests().getFirst().reservationId();
        assertThat(count("orders")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from order_attempts where order_id = ?", Long.class, orderId))
                .isOne();

        // Not abandoned yet: the sweeper leaves a young attempt alone.
        assertThat(sweeper.sweep()).isZero();
        monolith.answer(request -> request.method().equals("DELETE") ? Answer.status(204) : Answer.status(500));
        ageAttempts();
        assertThat(sweeper.sweep()).isOne();

        assertThat(monolith.requests()).last()
                .isEqualTo(new Request("DELETE", "/internal/stock/reservations/" + orderId, ""));
        assertNothingLeft();
        assertThat(meters.counter("strangler.stock.reservations.compensated").count()).isEqualTo(compensated + 1);

        // The key was released with the attempt: the client's retry places the order.
        monolith.answer(OrderPlacingIntegrationTests::reserved);
        assertThat(place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}", "Idempotency-Key", "k-5")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void monolithTooSlowShouldAnswer503WithinTheTimeoutBudget() {
        monolith.answer(request -> reserved(request).after(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        var failed = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}");

        // 2 attempts of 400 ms and 200 ms between them, plus some slack for a busy machine.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(count("order_attempts")).isOne();
        assertThat(count("orders")).isZero();
    }

    @Test
    void sweeperThatFailsToCancelShouldKeepTheAttemptForTheNextSweep() {
        monolith.answer(request -> Answer.status(500));
        assertThat(place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}", "Idempotency-Key", "k-6")
                .statusCode()).isEqualTo(503);
        ageAttempts();

        assertThat(sweeper.sweep()).isZero();
        assertThat(count("order_attempts")).isOne();
        assertThat(count("idempotency_keys")).isOne();

        monolith.answer(request -> Answer.status(204));
        assertThat(sweeper.sweep()).isOne();
        assertNothingLeft();
    }

    @Test
    void placementThatTheSweeperTookFirstShouldAnswer503AndPlaceNothing() {
        // The sweeper cancels the attempt while the reservation is still on its way (a very slow monolith).
        monolith.answer(request -> {
            jdbc.update("delete from order_attempts where order_id = ?", request.reservationId());
            return reserved(request);
        });

        var failed = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}");

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(count("orders")).isZero();
        assertThat(count("event_outbox")).isZero();
    }

    @Test
    void reservationCancelledBeforeItArrivedShouldAnswer503() {
        monolith.answer(request -> Answer.problem(409, "Reservation cancelled", "Reservation was cancelled"));

        var failed = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}");

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(count("orders")).isZero();
    }

    @Test
    void prometheusShouldShowOutcomesPendingAttemptsAndCompensations() {
        monolith.answer(request -> Answer.status(500));
        assertThat(place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}").statusCode()).isEqualTo(503);

        String scrape = http.get("/actuator/prometheus").body();

        assertThat(scrape).containsPattern("strangler_orders_placed_total\\{[^}]*outcome=\"unavailable\"[^}]*} [1-9]")
                .contains("strangler_orders_placed_total{application=\"order-service\",outcome=\"placed\"}")
                .contains("strangler_order_attempts_pending{application=\"order-service\"} 1.0")
                .contains("strangler_stock_reservations_compensated_total{application=\"order-service\"}");
    }

    @Test
    void circuitShouldOpenAfterRepeatedFailuresAndThenAnswer503WithoutCallingTheMonolith() {
        monolith.answer(request -> Answer.status(503));
        for (int i = 0; i < 3; i++) {
            assertThat(place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}").statusCode())
                    .isEqualTo(503);
        }
        assertThat(breakers.circuitBreaker(StockClient.CATALOG).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int asked = monolith.requests().size();

        monolith.answer(OrderPlacingIntegrationTests::reserved);
        var refused = place("{\"userId\":42,\"lines\":[{\"productId\":1,\"quantity\":1}]}");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(monolith.requests()).hasSize(asked);
    }

    private HttpResponse<String> place(String body, String... headers) {
        return http.post("/api/orders", "application/json", body, headers);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private void assertNothingLeft() {
        assertThat(count("orders")).isZero();
        assertThat(count("order_attempts")).isZero();
        assertThat(count("idempotency_keys")).isZero();
        assertThat(count("event_outbox")).isZero();
    }

    private void ageAttempts() {
        jdbc.update("update order_attempts set created_at = created_at - interval '1 hour'");
    }

    /** The monolith's answer to a reservation it could make: the lines priced, in product-id order. */
    static Answer reserved(Request request) {
        if (!request.method().equals("PUT")) {
            return Answer.status(204);
        }
        var lines = new ArrayList<String>();
        BigDecimal total = BigDecimal.ZERO;
        var body = JsonMapper.shared().readTree(request.body());
        for (JsonNode line : body.get("lines")) {
            long productId = line.get("productId").asLong();
            int quantity = line.get("quantity").asInt();
            BigDecimal price = productId == 1 ? new BigDecimal("24.90") : productId == 2 ? new BigDecimal("7.50")
                    : new BigDecimal("3.00");
            String sku = productId == 1 ? "KET-001" : productId == 2 ? "MUG-001" : "P-" + productId;
            String name = productId == 1 ? "Kettle" : productId == 2 ? "Mug" : "Product " + productId;
            BigDecimal lineTotal = price.multiply(BigDecimal.valueOf(quantity));
            total = total.add(lineTotal);
            lines.add("""
                    {"productId":%d,"sku":"%s","name":"%s","quantity":%d,"unitPrice":%s,"lineTotal":%s}"""
                    .formatted(productId, sku, name, quantity, price, lineTotal));
        }
        return Answer.json(200, """
                {"reservationId":%d,"status":"RESERVED","lines":[%s],"total":%s}"""
                .formatted(request.reservationId(), String.join(",", lines), total));
    }
}
