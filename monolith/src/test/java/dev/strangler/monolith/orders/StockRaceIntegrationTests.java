package dev.strangler.monolith.orders;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.ShopFixtures;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

@MonolithIntegrationTest
class StockRaceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @RepeatedTest(5)
    void twoConcurrentOrdersForTheLastItemShouldSellItExactlyOnce() throws Exception {
        var shop = new ShopFixtures(jdbc);
        long last = shop.product("LAST-1", "75.00", 1);
        long alice = shop.user("alice@example.com", "Alice");
        long bob = shop.user("bob@example.com", "Bob");
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var barrier = new CyclicBarrier(2);

        List<Callable<Integer>> buyers = List.of(buy(http, barrier, alice, last), buy(http, barrier, bob, last));
        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(2)) {
            statuses = pool.invokeAll(buyers).stream().map(future -> {
                try {
                    return future.get();
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }).toList();
        }

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(shop.stockOf(last)).isZero();
        assertThat(shop.counts().orders()).isEqualTo(1);
        assertThat(shop.counts().sentEmails()).isEqualTo(1);
    }

    private Callable<Integer> buy(HttpClient http, CyclicBarrier barrier, long userId, long productId) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"userId": %d, "lines": [{"productId": %d, "quantity": 1}]}""".formatted(userId, productId)))
                .build();
        return () -> {
            barrier.await();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        };
    }
}
