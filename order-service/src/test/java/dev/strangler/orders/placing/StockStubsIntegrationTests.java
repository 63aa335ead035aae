package dev.strangler.orders.placing;

import dev.strangler.orders.catalog.ReservationAnswer;
import dev.strangler.orders.catalog.StockClient;
import dev.strangler.orders.catalog.StockLine;
import dev.strangler.orders.support.LoopbackStubServer;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import dev.strangler.service.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.contract.stubrunner.spring.AutoConfigureStubRunner;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placing orders against the stubs generated from the monolith's stock API contracts ({@code contracts/monolith/stock},
 * which the monolith is verified against): what order-service sends and reads is what the monolith promises. The stubs
 * jar comes from the same reactor build (ADR 0024); the stub is reached by the name {@code monolith}, through discovery
 * and the load balancer, as in production.
 */
@OrderServiceIntegrationTest
@AutoConfigureStubRunner(stubsMode = StubsMode.CLASSPATH, stubsPerConsumer = true, consumerName = "stock",
        httpServerStubConfigurer = LoopbackStubServer.class)
class StockStubsIntegrationTests {

    static final int STUB_PORT = freePort();

    @DynamicPropertySource
    static void monolithIsTheStub(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.contract.stubrunner.ids", () -> "dev.strangler:monolith:+:stubs:" + STUB_PORT);
        // Discovery as configured in production, not Stub Runner's own stand-in for it.
        registry.add("spring.cloud.contract.stubrunner.cloud.enabled", () -> "false");
        registry.add("spring.cloud.discovery.client.simple.instances.monolith[0].uri",
                () -> "http://127.0.0.1:" + STUB_PORT);
        // About what the two sides say, not about time (OrderPlacingIntegrationTests tests time): a stub server's first
        // answer on a busy machine can take longer than the production budget.
        registry.add("strangler.orders.monolith.read-timeout", () -> "10s");
        registry.add("strangler.orders.attempts.sweeper-enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    StockClient stock;

    @Autowired
    OrderAttempts attempts;

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    AbandonedAttempts sweeper;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        jdbc.execute("truncate order_attempts, idempotency_keys");
        jdbc.update("insert into users (id, email, name, version) values (42, 'ada@example.com', 'Ada Lovelace', 0)");
    }

    @Test
    void orderShouldBePricedFromTheReservation() {
        var answer = http.post("/api/orders", "application/json", """
                {"userId":42,"lines":[{"productId":2,"quantity":3},{"productId":1,"quantity":1}]}""");

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.body()).contains("""
                "lines":[{"productId":1,"sku":"KET-001","name":"Kettle","quantity":1,"unitPrice":24.90,"lineTotal":24.90},\
                {"productId":2,"sku":"MUG-001","name":"Mug","quantity":3,"unitPrice":7.50,"lineTotal":22.50}],\
                "total":47.40""");
        long id = json.readTree(answer.body()).get("id").asLong();
        assertThat(jdbc.queryForObject("select count(*) from orders where id = ?", Long.class, id)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from order_attempts", Long.class)).isZero();
    }

    @Test
    void insufficientStockShouldBeAnsweredAsTheMonolithAnswersIt() {
        var answer = http.post("/api/orders", "application/json",
                "{\"userId\":42,\"lines\":[{\"productId\":3,\"quantity\":1}]}", "Idempotency-Key", "stub-1");

        assertThat(answer.statusCode()).isEqualTo(409);
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://strangler.dev/problems/insufficient-stock");
        assertThat(problem.get("title").asString()).isEqualTo("Insufficient stock");
        assertThat(problem.get("detail").asString()).isEqualTo("Not enough stock left of product 3 (TEA-001)");
        assertNothingLeft();
    }

    @Test
    void unknownProductShouldBeAnsweredAsTheMonolithAnswersIt() {
        var answer = http.post("/api/orders", "application/json",
                "{\"userId\":42,\"lines\":[{\"productId\":999,\"quantity\":1}]}", "Idempotency-Key", "stub-2");

        assertThat(answer.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("title").asString()).isEqualTo("Unknown product");
        assertThat(problem.get("detail").asString()).isEqualTo("Product 999 does not exist");
        assertNothingLeft();
    }

    @Test
    void repeatedReservationShouldGetTheFirstAnswerAndACancelledOneTheRefusal() {
        List<StockLine> lines = List.of(new StockLine(1, 1), new StockLine(2, 3));

        assertThat(stock.reserve(1000000902, lines)).isInstanceOfSatisfying(ReservationAnswer.Reserved.class,
                reserved -> assertThat(reserved.reservation().total()).isEqualByComparingTo("47.40"));
        assertThat(stock.reserve(1000000903, lines)).isInstanceOf(ReservationAnswer.Cancelled.class);
    }

    @Test
    void sweeperShouldCancelTheReservationOfAnAbandonedAttemptAndReleaseItsKey() {
        Instant longAgo = Instant.now().minusSeconds(3600);
        keys.claim(new IdempotencyKey("stub-3"), "0".repeat(64), 1_000_000_777L, longAgo);
        attempts.insert(1_000_000_777L, 42, "[{\"productId\":1,\"quantity\":1}]", new IdempotencyKey("stub-3"),
                longAgo);

        assertThat(sweeper.sweep()).isOne();

        assertNothingLeft();
    }

    private void assertNothingLeft() {
        for (String table : List.of("orders", "order_attempts", "idempotency_keys", "event_outbox")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).as(table).isZero();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
