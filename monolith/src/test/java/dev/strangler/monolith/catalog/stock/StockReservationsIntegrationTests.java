package dev.strangler.monolith.catalog.stock;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.ShopFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal stock reservation API (ADR 0031) over a real socket against real PostgreSQL: a reservation id takes
 * stock at most once and gives it back at most once, however it is repeated, raced or cancelled first, and stock never
 * goes negative.
 */
@MonolithIntegrationTest
class StockReservationsIntegrationTests {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    StockReservations reservations;

    @Autowired
    MeterRegistry meters;

    ShopFixtures shop;
    long kettle;
    long mug;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
        kettle = shop.product("KET-001", "24.90", 10);
        mug = shop.product("MUG-001", "7.50", 10);
    }

    @Test
    void reservationShouldTakeStockOnceAndAnswerTheLinesPricedInProductOrder() {
        var answer = put(1_000_000_001L, lines(mug, 3, kettle, 1));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.get("reservationId").asLong()).isEqualTo(1_000_000_001L);
        assertThat(body.get("status").asString()).isEqualTo("RESERVED");
        assertThat(body.get("lines")).hasSize(2);
        JsonNode first = body.get("lines").get(0);
        assertThat(first.get("productId").asLong()).isEqualTo(kettle);
        assertThat(first.get("sku").asString()).isEqualTo("KET-001");
        assertThat(first.get("quantity").asInt()).isEqualTo(1);
        assertThat(first.get("unitPrice").decimalValue()).isEqualByComparingTo("24.90");
        JsonNode second = body.get("lines").get(1);
        assertThat(second.get("productId").asLong()).isEqualTo(mug);
        assertThat(second.get("lineTotal").decimalValue()).isEqualByComparingTo("22.50");
        assertThat(body.get("total").decimalValue()).isEqualByComparingTo("47.40");
        assertThat(shop.stockOf(kettle)).isEqualTo(9);
        assertThat(shop.stockOf(mug)).isEqualTo(7);
        assertThat(status(1_000_000_001L)).isEqualTo("RESERVED");

        var read = get(1_000_000_001L);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(answer.body());
    }

    @Test
    void sameReservationTwiceShouldTakeStockOnceAndAnswerTheSameEvenAfterAPriceChange() {
        var first = put(1_000_000_001L, lines(mug, 3, kettle, 1));
        jdbc.update("update products set price = 99.00 where id = ?", kettle);
        double repeatedBefore = counter("repeated");

        // The same lines in another order are the same reservation.
        var second = put(1_000_000_001L, lines(kettle, 1, mug, 3));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(shop.stockOf(kettle)).isEqualTo(9);
        assertThat(shop.stockOf(mug)).isEqualTo(7);
        assertThat(reservationRows()).isEqualTo(1);
        assertThat(counter("repeated")).isEqualTo(repeatedBefore + 1);
    }

    @RepeatedTest(3)
    void twentyConcurrentPutsOfOneReservationShouldTakeStockOnceAndAnswerAllAlike() throws Exception {
        List<HttpResponse<String>> answers = concurrently(20, i -> put(1_000_000_001L, lines(mug, 3, kettle, 1)));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.getFirst().body());
        assertThat(shop.stockOf(kettle)).isEqualTo(9);
        assertThat(shop.stockOf(mug)).isEqualTo(7);
        assertThat(reservationRows()).isEqualTo(1);
    }

    @RepeatedTest(3)
    void concurrentReservationsOfTheLastUnitsShouldNeverOversell() throws Exception {
        List<HttpResponse<String>> answers = concurrently(30,
                i -> put(1_000_000_100L + i, lines(kettle, 1)));

        assertThat(answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting())))
                .containsOnly(Map.entry(200, 10L), Map.entry(409, 20L));
        assertThat(shop.stockOf(kettle)).isZero();
        assertThat(reservationRows()).isEqualTo(10);
    }

    @Test
    void insufficientStockShouldTakeNothingFromAnyProductAndLeaveNoReservation() {
        jdbc.update("update products set stock = 1 where id = ?", mug);

        var answer = put(1_000_000_001L, lines(kettle, 2, mug, 2));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("title").asString()).isEqualTo("Insufficient stock");
        assertThat(problem.get("detail").asString()).isEqualTo("Not enough stock left of product " + mug + " (MUG-001)");
        assertThat(shop.stockOf(kettle)).isEqualTo(10);
        assertThat(shop.stockOf(mug)).isEqualTo(1);
        assertThat(reservationRows()).isZero();

        // Nothing was kept under the id: once restocked, the same reservation goes through.
        jdbc.update("update products set stock = 5 where id = ?", mug);
        assertThat(put(1_000_000_001L, lines(kettle, 2, mug, 2)).statusCode()).isEqualTo(200);
        assertThat(shop.stockOf(mug)).isEqualTo(3);
    }

    @Test
    void unknownProductShouldAnswer422AndTakeNothing() {
        var answer = put(1_000_000_001L, lines(kettle, 2, 999_999L, 1));

        assertThat(answer.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("title").asString()).isEqualTo("Unknown product");
        assertThat(problem.get("detail").asString()).isEqualTo("Product 999999 does not exist");
        assertThat(shop.stockOf(kettle)).isEqualTo(10);
        assertThat(reservationRows()).isZero();
    }

    @Test
    void sameIdWithOtherLinesShouldAnswer422AndTakeNothingMore() {
        put(1_000_000_001L, lines(kettle, 1));

        var answer = put(1_000_000_001L, lines(kettle, 2));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(json.readTree(answer.body()).get("title").asString()).isEqualTo("Reservation conflict");
        assertThat(shop.stockOf(kettle)).isEqualTo(9);
    }

    @Test
    void cancellationShouldGiveTheStockBackExactlyOnce() {
        put(1_000_000_001L, lines(mug, 3, kettle, 1));

        assertThat(delete(1_000_000_001L).statusCode()).isEqualTo(204);
        assertThat(delete(1_000_000_001L).statusCode()).isEqualTo(204);

        assertThat(shop.stockOf(kettle)).isEqualTo(10);
        assertThat(shop.stockOf(mug)).isEqualTo(10);
        assertThat(status(1_000_000_001L)).isEqualTo("CANCELLED");
        assertThat(json.readTree(get(1_000_000_001L).body()).get("status").asString()).isEqualTo("CANCELLED");

        // Compensated for good: the same reservation repeated late takes nothing.
        var late = put(1_000_000_001L, lines(mug, 3, kettle, 1));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json.readTree(late.body()).get("title").asString()).isEqualTo("Reservation cancelled");
        assertThat(shop.stockOf(kettle)).isEqualTo(10);
        assertThat(shop.stockOf(mug)).isEqualTo(10);
    }

    @Test
    void cancellationOfAnUnknownIdShouldKeepALaterReservationFromTakingStock() {
        assertThat(delete(1_000_000_001L).statusCode()).isEqualTo(204);

        var late = put(1_000_000_001L, lines(kettle, 1));

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json.readTree(late.body()).get("title").asString()).isEqualTo("Reservation cancelled");
        assertThat(shop.stockOf(kettle)).isEqualTo(10);
        assertThat(status(1_000_000_001L)).isEqualTo("CANCELLED");
    }

    @RepeatedTest(5)
    void reservationRacingItsCancellationShouldEndCancelledWithAllStockBack() throws Exception {
        long id = 1_000_000_001L;
        List<HttpResponse<String>> answers = concurrently(2,
                i -> i == 0 ? put(id, lines(mug, 3, kettle, 1)) : delete(id));

        // Whichever came first, the reservation ends cancelled and its stock is where it started.
        assertThat(answers.get(0).statusCode()).isIn(200, 409);
        assertThat(answers.get(1).statusCode()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("CANCELLED");
        assertThat(shop.stockOf(kettle)).isEqualTo(10);
        assertThat(shop.stockOf(mug)).isEqualTo(10);
    }

    @Test
    void confirmedReservationShouldRefuseCancellationAndKeepItsStock() {
        put(1_000_000_001L, lines(kettle, 2));

        assertThat(reservations.confirm(1_000_000_001L)).isTrue();
        assertThat(reservations.confirm(1_000_000_001L)).isTrue();
        var answer = delete(1_000_000_001L);

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(json.readTree(answer.body()).get("title").asString()).isEqualTo("Reservation confirmed");
        assertThat(shop.stockOf(kettle)).isEqualTo(8);
        assertThat(status(1_000_000_001L)).isEqualTo("CONFIRMED");
    }

    @Test
    void confirmationShouldFindNothingToConfirmForAnOrderThatReservedNothingOrWasCancelled() {
        assertThat(reservations.confirm(1_000_000_001L)).isFalse();
        assertThat(reservationRows()).isZero();

        delete(1_000_000_002L);
        assertThat(reservations.confirm(1_000_000_002L)).isFalse();
        assertThat(status(1_000_000_002L)).isEqualTo("CANCELLED");
    }

    @Test
    void unknownReservationShouldAnswer404() {
        var answer = get(1_000_000_001L);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    static Stream<String> invalidBodies() {
        String fiftyOneLines = IntStream.rangeClosed(1, 51)
                .mapToObj(i -> "{\"productId\": %d, \"quantity\": 1}".formatted(i))
                .collect(Collectors.joining(", ", "{\"lines\": [", "]}"));
        return Stream.of("{}", "{\"lines\": []}", "{\"lines\": [null]}", fiftyOneLines,
                "{\"lines\": [{\"productId\": 0, \"quantity\": 1}]}",
                "{\"lines\": [{\"productId\": 1, \"quantity\": 0}]}",
                "{\"lines\": [{\"productId\": 1, \"quantity\": 1001}]}",
                "{\"lines\": [{\"productId\": 1}]}",
                "{\"lines\": [{\"productId\": 1, \"quantity\": 1}, {\"productId\": 1, \"quantity\": 2}]}",
                "{\"lines\": [{\"productId\": \"one\", \"quantity\": 1}]}",
                "not json", "");
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalidBodyShouldAnswer400AndChangeNothing(String body) {
        var before = shop.counts();

        var answer = put(1_000_000_001L, body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(reservationRows()).isZero();
    }

    @Test
    void reservationIdThatIsNotAPositiveNumberShouldAnswer400AndChangeNothing() {
        var before = shop.counts();

        assertThat(put(0, lines(kettle, 1)).statusCode()).isEqualTo(400);
        assertThat(put(-5, lines(kettle, 1)).statusCode()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(uri("/internal/stock/reservations/abc"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(lines(kettle, 1)))).statusCode()).isEqualTo(400);
        assertThat(delete(0).statusCode()).isEqualTo(400);

        assertThat(shop.counts()).isEqualTo(before);
        assertThat(reservationRows()).isZero();
    }

    private static String lines(long productId, int quantity) {
        return "{\"lines\": [{\"productId\": %d, \"quantity\": %d}]}".formatted(productId, quantity);
    }

    private static String lines(long productId, int quantity, long otherId, int otherQuantity) {
        return "{\"lines\": [{\"productId\": %d, \"quantity\": %d}, {\"productId\": %d, \"quantity\": %d}]}"
                .formatted(productId, quantity, otherId, otherQuantity);
    }

    private HttpResponse<String> put(long id, String body) {
        return send(HttpRequest.newBuilder(uri("/internal/stock/reservations/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> delete(long id) {
        return send(HttpRequest.newBuilder(uri("/internal/stock/reservations/" + id)).DELETE());
    }

    private HttpResponse<String> get(long id) {
        return send(HttpRequest.newBuilder(uri("/internal/stock/reservations/" + id)).GET());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Runs the calls together, released at once, and answers their responses in call order. */
    private static List<HttpResponse<String>> concurrently(int calls,
            IntFunction<HttpResponse<String>> call) throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(calls)) {
            var futures = new ArrayList<Future<HttpResponse<String>>>();
            for (int i = 0; i < calls; i++) {
                int index = i;
                Callable<HttpResponse<String>> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            var answers = new ArrayList<HttpResponse<String>>();
            for (var future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }

    private String status(long id) {
        return jdbc.queryForObject("select status from stock_reservations where reservation_id = ?", String.class, id);
    }

    private long reservationRows() {
        return jdbc.queryForObject("select count(*) from stock_reservations", Long.class);
    }

    private double counter(String outcome) {
        return meters.get("shop.stock.reservations").tag("outcome", outcome).counter().count();
    }
}
