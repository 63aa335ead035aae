package dev.strangler.orders.ordering;

import dev.strangler.orders.support.OrderFixtures;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The orders API's reads against real PostgreSQL, with the monolith's answers: an order with its lines, a user's
 * orders newest first a page at a time, and the monolith's problems for unknown and malformed ids and bad pages.
 */
@OrderServiceIntegrationTest
class OrderApiIntegrationTests {

    static final Instant PLACED = Instant.parse("2026-11-24T10:15:30.123456Z");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Orders orders;

    OrderFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new OrderFixtures(jdbc);
        fixtures.user(42, "ada@example.com", "Ada Lovelace");
        fixtures.user(43, "grace@example.com", "Grace Hopper");
    }

    @Test
    void getShouldAnswerTheOrderWithItsLinesInTheMonolithsShape() {
        fixtures.order(1001, 42, PLACED, 0, 7, 1, "24.90", 9, 3, "7.50");

        var result = mvc.get().uri("/api/orders/1001").exchange();

        assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(result).bodyText().isEqualTo("""
                {"id":1001,"userId":42,"status":"PLACED","lines":[\
                {"productId":7,"sku":"KET-001","name":"Kettle","quantity":1,"unitPrice":24.90,"lineTotal":24.90},\
                {"productId":9,"sku":"PRD-9","name":"Product 9","quantity":3,"unitPrice":7.50,"lineTotal":22.50}],\
                "total":47.40,"createdAt":"2026-11-24T10:15:30.123456Z"}""");
    }

    @Test
    void ordersOfAUserShouldBeListedNewestFirstAPageAtATime() {
        fixtures.order(1001, 42, PLACED, 0, 7, 1, "24.90");
        fixtures.order(1002, 43, PLACED, 0, 7, 1, "24.90");
        fixtures.order(1003, 42, PLACED, 0, 9, 2, "7.50");
        fixtures.order(OrderFixtures.FIRST_SERVICE_ID, 42, PLACED, 0, 7, 2, "24.90");

        var first = mvc.get().uri("/api/users/42/orders?page=0&size=2").exchange();
        var second = mvc.get().uri("/api/users/42/orders?page=1&size=2").exchange();

        assertThat(first).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"content": [{"id": 1000000000, "total": 49.80}, {"id": 1003, "total": 15.00}],
                 "page": 0, "size": 2, "totalElements": 3, "totalPages": 2}""");
        assertThat(first).bodyJson().extractingPath("$.content.length()").isEqualTo(2);
        assertThat(second).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"content": [{"id": 1001, "lines": [{"productId": 7, "quantity": 1}]}],
                 "page": 1, "size": 2, "totalElements": 3, "totalPages": 2}""");
        assertThat(second).bodyJson().extractingPath("$.content.length()").isEqualTo(1);
    }

    @Test
    void aKnownUserWithoutOrdersShouldGetAnEmptyPage() {
        assertThat(mvc.get().uri("/api/users/43/orders")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"content": [], "page": 0, "size": 20, "totalElements": 0, "totalPages": 0}""");
    }

    @Test
    void ordersOfAUserWhoseUserEventHasNotArrivedYetShouldStillBeListed() {
        fixtures.order(1001, 77, PLACED, 0, 7, 1, "24.90");

        assertThat(mvc.get().uri("/api/users/77/orders")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"content": [{"id": 1001, "userId": 77}], "totalElements": 1}""");
    }

    @Test
    void savedOrderShouldReadBackAsAnsweredAndPublishOrderCreated() {
        long id = orders.allocateId();
        var saved = orders.save(id, 42, List.of(
                OrderResponse.Line.of(7, "KET-001", "Kettle", 2, new BigDecimal("24.90"))),
                Instant.parse("2026-11-24T10:15:30.123456789Z"));

        assertThat(id).isEqualTo(OrderFixtures.FIRST_SERVICE_ID);
        assertThat(saved.total()).isEqualByComparingTo("49.80");
        assertThat(saved.createdAt()).isEqualTo(PLACED);
        assertThat(orders.find(id)).contains(saved);
        assertThat(jdbc.queryForMap("select topic, message_key, event_type, headers from event_outbox"))
                .containsEntry("topic", "order.created").containsEntry("message_key", Long.toString(id))
                .containsEntry("event_type", "order.created").containsEntry("headers", null);
    }

    static Stream<Arguments> badReads() {
        return Stream.of(
                arguments("/api/orders/999999", 404, "Not found", "Order 999999 does not exist"),
                arguments("/api/orders/abc", 400, "Bad Request", "Failed to convert 'id' with value: 'abc'"),
                arguments("/api/users/abc/orders", 400, "Bad Request", "Failed to convert 'userId' with value: 'abc'"),
                arguments("/api/users/999999/orders", 404, "Not found", "User 999999 does not exist"),
                arguments("/api/users/42/orders?page=-1", 400, "Invalid request", "The request has 1 invalid parameter(s)"),
                arguments("/api/users/42/orders?size=0", 400, "Invalid request", "The request has 1 invalid parameter(s)"),
                arguments("/api/users/42/orders?size=101", 400, "Invalid request", "The request has 1 invalid parameter(s)"),
                arguments("/api/users/42/orders?size=abc", 400, "Bad Request", "Failed to convert 'size' with value: 'abc'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReads")
    void badReadShouldAnswerTheMonolithsProblem(String uri, int status, String title, String detail) {
        var result = mvc.get().uri(uri).exchange();

        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(detail);
    }
}
