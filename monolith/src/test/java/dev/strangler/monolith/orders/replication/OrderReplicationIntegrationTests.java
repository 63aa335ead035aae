package dev.strangler.monolith.orders.replication;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.orders.OrderCreated;
import dev.strangler.monolith.orders.OrderStatus;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monolith applies the orders order-service places to its legacy tables, on a real broker and real PostgreSQL:
 * with their ids, versions, times, totals and priced lines, once; its own events, duplicates and replays change
 * nothing; its stock reservation is confirmed in the same transaction, no stock is taken, nothing goes to the outbox,
 * no e-mail is sent; an order whose user has not arrived yet is retried and applied once the user is there; a poison
 * message goes to the dead-letter topic.
 */
@MonolithIntegrationTest
@TestPropertySource(properties = {
        "strangler.orders.replication.enabled=true",
        // A group of its own that starts at the end of the topic: earlier tests' events are not this test's.
        "strangler.orders.replication.group-id=monolith-orders-replication-it",
        "spring.kafka.consumer.auto-offset-reset=latest",
        "strangler.events.retry.max-interval=2s"})
class OrderReplicationIntegrationTests {

    static final String SERVICE = "order-service";
    static final Instant PLACED = Instant.parse("2026-11-24T09:15:30.123456Z");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    EventSender producer;
    ShopFixtures shop;
    long userId;
    long pen;
    long ink;

    @BeforeEach
    void aUserTwoProductsAndTheConsumerAssigned() {
        producer = new EventSender(kafka, json);
        shop = new ShopFixtures(jdbc);
        userId = shop.user("ada@example.com", "Ada");
        pen = shop.product("PEN-1", "2.50", 10);
        ink = shop.product("INK-1", "7.00", 5);
        EventSender.awaitAssigned(listeners, OrderReplication.LISTENER, 3);
    }

    private OrderCreated order(long id, long user) {
        return new OrderCreated(id, user, OrderStatus.PLACED, List.of(
                new OrderCreated.Line(pen, "PEN-1", "Product PEN-1", 3, new BigDecimal("2.50"), new BigDecimal("7.50")),
                new OrderCreated.Line(ink, "INK-1", "Product INK-1", 1, new BigDecimal("7.00"), new BigDecimal("7.00"))),
                new BigDecimal("14.50"), PLACED, 0);
    }

    private double replicated(String outcome) {
        var counter = meters.find("strangler.orders.replication").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Sends an event and waits until the consumer has dealt with it one way or another. */
    private void sendAndAwait(String source, OrderCreated order, String outcome) {
        double before = replicated(outcome);
        producer.send("order.created", source, Long.toString(order.id()), order);
        await().atMost(Duration.ofSeconds(30)).until(() -> replicated(outcome) > before);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private void reserved(long reservationId, String status) {
        jdbc.update("""
                insert into stock_reservations (reservation_id, status, lines, total, created_at, updated_at)
                values (?, ?, '[]', 14.50, now(), now())""", reservationId, status);
    }

    private String reservation(long reservationId) {
        return jdbc.queryForObject("select status from stock_reservations where reservation_id = ?", String.class,
                reservationId);
    }

    @Test
    void orderOfTheServiceIsInsertedOnceWithItsIdLinesAndVersionAndNothingElseHappens() throws Exception {
        reserved(1_000_000_001L, "RESERVED");
        var before = shop.counts();

        sendAndAwait(SERVICE, order(1_000_000_001L, userId), "applied");

        assertThat(reservation(1_000_000_001L)).as("confirmed with the order").isEqualTo("CONFIRMED");

        assertThat(jdbc.queryForMap("select user_id, status, total, created_at, version from orders where id = ?",
                1_000_000_001L))
                .containsEntry("user_id", userId).containsEntry("status", "PLACED")
                .containsEntry("total", new BigDecimal("14.50"))
                .containsEntry("created_at", Timestamp.from(PLACED)).containsEntry("version", 0L);
        assertThat(jdbc.queryForList("""
                        select line_no, product_id, sku, name, quantity, unit_price from order_lines
                        where order_id = ? order by line_no""", 1_000_000_001L))
                .containsExactly(
                        Map.of("line_no", 1, "product_id", pen, "sku", "PEN-1", "name", "Product PEN-1",
                                "quantity", 3, "unit_price", new BigDecimal("2.50")),
                        Map.of("line_no", 2, "product_id", ink, "sku", "INK-1", "name", "Product INK-1",
                                "quantity", 1, "unit_price", new BigDecimal("7.00")));
        // The API reads it like any order.
        assertThat(mvc.get().uri("/api/orders/{id}", 1_000_000_001L)).hasStatusOk().bodyJson()
                .extractingPath("$.lines[0].lineTotal").isEqualTo(7.50);

        // The same event again, a replay, a different body with the same id: still one order, as it was.
        sendAndAwait(SERVICE, order(1_000_000_001L, userId), "duplicate");
        var changed = new OrderCreated(1_000_000_001L, userId, OrderStatus.PLACED, List.of(), new BigDecimal("1.00"),
                PLACED, 3);
        sendAndAwait(SERVICE, changed, "duplicate");

        var after = shop.counts();
        assertThat(after.orders()).isEqualTo(before.orders() + 1);
        assertThat(after.orderLines()).isEqualTo(before.orderLines() + 2);
        assertThat(after.totalStock()).as("the reservation took the stock, not the replica").isEqualTo(before.totalStock());
        assertThat(after.events()).as("no ping-pong: nothing to the outbox").isZero();
        assertThat(after.sentEmails()).as("notification-service e-mails order-service's orders").isZero();
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();

        // The monolith's own next order keeps its own, lower id: an explicit id does not move the identity.
        assertThat(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\": %d, \"lines\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(userId, pen)))
                .hasStatus(201).bodyJson().extractingPath("$.id").isEqualTo(1);
    }

    @Test
    void ownEventsAreIgnored() {
        sendAndAwait("monolith", order(1_000_000_002L, userId), "own-source");

        assertThat(count("select count(*) from orders")).isZero();
        assertThat(count("select count(*) from order_lines")).isZero();
    }

    @Test
    void orderWhoseUserHasNotArrivedIsRetriedAndAppliedOnceTheUserIsThere() {
        long lateUser = 7001;
        reserved(1_000_000_003L, "RESERVED");
        double before = replicated("user-unknown");
        producer.send("order.created", SERVICE, "1000000003", order(1_000_000_003L, lateUser));
        // Tried and put back at least twice: the partition waits for the user rather than losing the order.
        await().atMost(Duration.ofSeconds(30)).until(() -> replicated("user-unknown") >= before + 2);
        assertThat(count("select count(*) from orders")).isZero();
        assertThat(reservation(1_000_000_003L)).isEqualTo("RESERVED");

        double applied = replicated("applied");
        jdbc.update("insert into users (id, email, name, created_at, updated_at, version) values (?, ?, ?, now(), now(), 0)",
                lateUser, "late@example.com", "Late");

        await().atMost(Duration.ofSeconds(30)).until(() -> replicated("applied") > applied);
        assertThat(jdbc.queryForObject("select user_id from orders where id = 1000000003", Long.class))
                .isEqualTo(lateUser);
        assertThat(count("select count(*) from order_lines where order_id = 1000000003")).isEqualTo(2);
        assertThat(reservation(1_000_000_003L)).isEqualTo("CONFIRMED");
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextOrderOfItsPartitionIsApplied() {
        var headers = CloudEventHeaders.of(UUID.randomUUID(), "order.created", SERVICE, Instant.now(), "1000000004");
        var poison = producer.send("order.created", "1000000004", headers, "{\"id\": \"not an order");

        sendAndAwait(SERVICE, order(1_000_000_004L, userId), "applied");

        try (var deadLetters = new TopicReader(RealInfrastructure.kafka(), "order.created.DLT")) {
            var dead = deadLetters.awaitFirst(record -> originalOffset(record) == poison.getRecordMetadata().offset()
                    && originalPartition(record) == poison.getRecordMetadata().partition());
            assertThat(dead.value()).isEqualTo("{\"id\": \"not an order");
            assertThat(CloudEventHeaders.text(dead.headers(), "strangler-dlt-reason")).isEqualTo("body is not JSON");
        }
        assertThat(count("select count(*) from orders where id = 1000000004")).isEqualTo(1);
    }

    private static long originalOffset(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record) {
        var header = record.headers().lastHeader("kafka_dlt-original-offset");
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }

    private static int originalPartition(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record) {
        var header = record.headers().lastHeader("kafka_dlt-original-partition");
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getInt();
    }
}
