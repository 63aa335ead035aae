package dev.strangler.monolith.orders;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@MonolithIntegrationTest
class OrderApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    ShopFixtures shop;
    long user;
    long skillet;
    long knife;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
        user = shop.user("buyer@example.com", "Buyer");
        skillet = shop.product("KIT-001", "39.90", 5);
        knife = shop.product("KIT-002", "54.00", 2);
    }

    @Test
    void placeOrderShouldTakeStockRecordTheOrderAndSendConfirmation() throws Exception {
        var result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"userId": %d, "lines": [{"productId": %d, "quantity": 2}, {"productId": %d, "quantity": 1}]}"""
                        .formatted(user, skillet, knife)).exchange();

        assertThat(result).hasStatus(201);
        long orderId = jdbc.queryForObject("select id from orders", Long.class);
        assertThat(result).headers().hasValue("Location", "http://localhost/api/orders/" + orderId);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"id": %d, "userId": %d, "status": "PLACED", "total": 133.80,
                 "lines": [{"productId": %d, "sku": "KIT-001", "quantity": 2, "unitPrice": 39.90, "lineTotal": 79.80},
                           {"productId": %d, "sku": "KIT-002", "quantity": 1, "unitPrice": 54.00, "lineTotal": 54.00}]}"""
                .formatted(orderId, user, skillet, knife));
        assertThat(shop.stockOf(skillet)).isEqualTo(3);
        assertThat(shop.stockOf(knife)).isEqualTo(1);

        var mails = RealInfrastructure.smtp().getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("Your Strangler Shop order #" + orderId);
        assertThat((String) mails[0].getContent()).contains("2 x Product KIT-001", "Total: 133.80 EUR");
    }

    @Test
    void getOrderAndOrdersOfUserShouldShowPlacedOrders() {
        for (int i = 0; i < 3; i++) {
            assertThat(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                    {"userId": %d, "lines": [{"productId": %d, "quantity": 1}]}""".formatted(user, skillet)))
                    .hasStatus(201);
        }
        long newest = jdbc.queryForObject("select max(id) from orders", Long.class);

        assertThat(mvc.get().uri("/api/orders/{id}", newest)).hasStatusOk()
                .bodyJson().isLenientlyEqualTo("""
                        {"id": %d, "userId": %d, "total": 39.90}""".formatted(newest, user));
        var history = mvc.get().uri("/api/users/{id}/orders?size=2", user).exchange();
        assertThat(history).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"totalElements": 3, "totalPages": 2, "page": 0, "size": 2}""");
        assertThat(history).bodyJson().extractingPath("$.content[0].id").isEqualTo((int) newest);
    }

    @Test
    void orderWhenSecondLineLacksStockShouldAnswer409AndLeaveFirstLineStockUntouched() {
        var before = shop.counts();

        var result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                {"userId": %d, "lines": [{"productId": %d, "quantity": 1}, {"productId": %d, "quantity": 3}]}"""
                .formatted(user, skillet, knife)).exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Insufficient stock");
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(shop.stockOf(skillet)).isEqualTo(5);
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }

    static Stream<Arguments> badOrders() {
        return Stream.of(
                arguments("malformed JSON", "{\"userId\": 1, \"lines\": [", 400, "Malformed request body"),
                arguments("quantity as text", "{\"userId\": %1$d, \"lines\": [{\"productId\": %2$d, \"quantity\": \"two\"}]}", 400, "Malformed request body"),
                arguments("zero quantity", "{\"userId\": %1$d, \"lines\": [{\"productId\": %2$d, \"quantity\": 0}]}", 400, "Invalid request"),
                arguments("negative quantity", "{\"userId\": %1$d, \"lines\": [{\"productId\": %2$d, \"quantity\": -3}]}", 400, "Invalid request"),
                arguments("huge quantity", "{\"userId\": %1$d, \"lines\": [{\"productId\": %2$d, \"quantity\": 1001}]}", 400, "Invalid request"),
                arguments("missing quantity", "{\"userId\": %1$d, \"lines\": [{\"productId\": %2$d}]}", 400, "Invalid request"),
                arguments("missing user", "{\"lines\": [{\"productId\": %2$d, \"quantity\": 1}]}", 400, "Invalid request"),
                arguments("no lines", "{\"userId\": %1$d, \"lines\": []}", 400, "Invalid request"),
                arguments("null line", "{\"userId\": %1$d, \"lines\": [null]}", 400, "Invalid request"),
                arguments("repeated product", "{\"userId\": %1$d, \"lines\": [{\"productId\": %2$d, \"quantity\": 1}, {\"productId\": %2$d, \"quantity\": 1}]}", 400, "Repeated product"),
                arguments("unknown user", "{\"userId\": 999999, \"lines\": [{\"productId\": %2$d, \"quantity\": 1}]}", 422, "Unknown user"),
                arguments("unknown product", "{\"userId\": %1$d, \"lines\": [{\"productId\": %2$d, \"quantity\": 1}, {\"productId\": 999999, \"quantity\": 1}]}", 422, "Unknown product"),
                arguments("more than in stock", "{\"userId\": %1$d, \"lines\": [{\"productId\": %2$d, \"quantity\": 6}]}", 409, "Insufficient stock"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void badOrderShouldAnswerProblemAndChangeNothing(String name, String body, int status, String title) {
        var before = shop.counts();

        var result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(body.formatted(user, skillet)).exchange();

        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }

    static Stream<Arguments> badReads() {
        return Stream.of(
                arguments("/api/orders/abc", 400),
                arguments("/api/orders/999999", 404),
                arguments("/api/users/abc/orders", 400),
                arguments("/api/users/999999/orders", 404),
                arguments("/api/products/abc", 400),
                arguments("/api/products/999999", 404),
                arguments("/api/products?size=1000", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReads")
    void badReadShouldAnswerProblem(String uri, int status) {
        assertThat(mvc.method(HttpMethod.GET).uri(uri).exchange())
                .hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void productsShouldBeListedAndShownWithStock() {
        assertThat(mvc.get().uri("/api/products")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"totalElements": 2, "content": [{"id": %d, "sku": "KIT-001", "price": 39.90, "stock": 5},
                                                 {"id": %d, "sku": "KIT-002", "price": 54.00, "stock": 2}]}"""
                .formatted(skillet, knife));
        assertThat(mvc.get().uri("/api/products/{id}", knife)).hasStatusOk().bodyJson()
                .extractingPath("$.name").isEqualTo("Product KIT-002");
    }
}
