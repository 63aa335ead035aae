package dev.strangler.monolith.orders;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on {@code POST /api/orders} (ADR 0030): one key, one order, one answer, whatever the client
 * repeats and however it races itself.
 */
@MonolithIntegrationTest
class IdempotencyKeyIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    ShopFixtures shop;
    long user;
    long kettle;
    long mug;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
        user = shop.user("buyer@example.com", "Buyer");
        kettle = shop.product("KET-001", "24.90", 5);
        mug = shop.product("MUG-001", "7.50", 10);
    }

    private String order(long productId, int quantity) {
        return """
                {"userId": %d, "lines": [{"productId": %d, "quantity": %d}]}""".formatted(user, productId, quantity);
    }

    private MvcTestResult post(String key, String body) {
        return mvc.post().uri("/api/orders").header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }

    private long keys() {
        return jdbc.queryForObject("select count(*) from idempotency_keys", Long.class);
    }

    private long orderCreatedEvents() {
        return jdbc.queryForObject("select count(*) from event_outbox where event_type = 'order.created'", Long.class);
    }

    @Test
    void sameKeyTwiceShouldPlaceOneOrderAndAnswerTheSameBothTimes() throws Exception {
        var first = post("order-abc-1", order(kettle, 2));
        var second = post("order-abc-1", """
                {"lines": [{"quantity": 2, "productId": %d}], "userId": %d}""".formatted(kettle, user));

        assertThat(first).hasStatus(201);
        assertThat(second).hasStatus(201);
        assertThat(second.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
        assertThat(second.getResponse().getHeader("Location")).isEqualTo(first.getResponse().getHeader("Location"))
                .isNotNull();
        assertThat(shop.counts().orders()).isEqualTo(1);
        assertThat(shop.stockOf(kettle)).isEqualTo(3);
        assertThat(orderCreatedEvents()).isEqualTo(1);
        assertThat(shop.counts().sentEmails()).isEqualTo(1);
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).hasSize(1);
    }

    @Test
    void differentKeysShouldPlaceDifferentOrders() {
        assertThat(post("key-1", order(kettle, 1))).hasStatus(201);
        assertThat(post("key-2", order(kettle, 1))).hasStatus(201);

        assertThat(shop.counts().orders()).isEqualTo(2);
        assertThat(shop.stockOf(kettle)).isEqualTo(3);
    }

    @Test
    void withoutKeyTheSameRequestTwiceShouldPlaceTwoOrders() {
        for (int i = 0; i < 2; i++) {
            assertThat(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(order(kettle, 1))
                    .exchange()).hasStatus(201);
        }

        assertThat(shop.counts().orders()).isEqualTo(2);
        assertThat(keys()).isZero();
    }

    @Test
    void sameKeyWithAnotherRequestShouldAnswer422AndChangeNothing() {
        assertThat(post("order-abc-1", order(kettle, 1))).hasStatus(201);
        var before = shop.counts();

        var result = post("order-abc-1", order(mug, 1));

        assertThat(result).hasStatus(422).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Idempotency key reused");
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(shop.stockOf(mug)).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "caf\u00e9", "tab\there", "bell\u0007"})
    void malformedKeyShouldAnswer400AndChangeNothing(String key) {
        var before = shop.counts();

        var result = post(key, order(kettle, 1));

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid idempotency key");
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(keys()).isZero();
    }

    @Test
    void keyOfMoreThan100CharactersShouldAnswer400ButOneOf100Works() {
        assertThat(post("k".repeat(101), order(kettle, 1))).hasStatus(400);
        assertThat(post("k".repeat(100), order(kettle, 1))).hasStatus(201);

        assertThat(shop.counts().orders()).isEqualTo(1);
    }

    @Test
    void refusedOrderShouldLeaveNoKeySoTheRetryAfterRestockingSucceeds() {
        var refused = post("order-abc-1", order(kettle, 6));
        assertThat(refused).hasStatus(409);
        assertThat(keys()).isZero();
        assertThat(shop.counts().orders()).isZero();

        jdbc.update("update products set stock = 10 where id = ?", kettle);
        var retried = post("order-abc-1", order(kettle, 6));

        assertThat(retried).hasStatus(201);
        assertThat(shop.stockOf(kettle)).isEqualTo(4);
        assertThat(keys()).isEqualTo(1);
        assertThat(shop.counts().sentEmails()).isEqualTo(1);
    }

    @Test
    void orderForUnknownUserShouldLeaveNoKey() {
        var result = post("order-abc-1", """
                {"userId": 999999, "lines": [{"productId": %d, "quantity": 1}]}""".formatted(kettle));

        assertThat(result).hasStatus(422);
        assertThat(keys()).isZero();
    }

    @RepeatedTest(5)
    void sameKeyConcurrentlyShouldPlaceOneOrderAndAnswerBothWithIt() throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var start = new CountDownLatch(1);
        Callable<HttpResponse<String>> client = () -> {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "race-1")
                    .POST(HttpRequest.BodyPublishers.ofString(order(kettle, 2)))
                    .build();
            start.await();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        };

        List<HttpResponse<String>> answers;
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<HttpResponse<String>>> futures = List.of(pool.submit(client), pool.submit(client));
            start.countDown();
            answers = List.of(futures.get(0).get(), futures.get(1).get());
        }

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(201, 201);
        assertThat(answers.get(1).body()).isEqualTo(answers.get(0).body());
        assertThat(answers.get(1).headers().firstValue("Location"))
                .isEqualTo(answers.get(0).headers().firstValue("Location"));
        assertThat(shop.counts().orders()).isEqualTo(1);
        assertThat(shop.stockOf(kettle)).isEqualTo(3);
        assertThat(orderCreatedEvents()).isEqualTo(1);
        assertThat(shop.counts().sentEmails()).isEqualTo(1);
    }
}
