package dev.strangler.orders.replication;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.orders.ordering.OrderResponse;
import dev.strangler.orders.ordering.Orders;
import dev.strangler.orders.support.Events;
import dev.strangler.orders.support.OrderFixtures;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import dev.strangler.orders.support.RealInfrastructure;
import dev.strangler.orders.support.WithReplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith's orders reach order-service through its order.created on a real broker and real PostgreSQL: kept as
 * they were (id, creation time, version, total, lines), once however often they come, never published again, its own
 * events ignored, poison to the dead-letter topic; and the id sequence of orders placed here does not move.
 */
@OrderServiceIntegrationTest
@WithReplication
class OrderReplicationIntegrationTests {

    static final String COUNTER = "strangler.orders.replication";

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

    @Autowired
    Orders orders;

    EventSender producer;

    OrderFixtures fixtures;

    @BeforeEach
    void consumerAssigned() {
        producer = new EventSender(kafka, json);
        fixtures = new OrderFixtures(jdbc);
        EventSender.awaitAssigned(listeners, OrderReplication.LISTENER, 3);
    }

    /** The monolith's order.created body, as in contracts/monolith/subscribers. */
    static String orderCreated(long id, long version, String total) {
        return """
                {"id": %d, "userId": 42, "status": "PLACED", "lines": [
                  {"productId": 7, "sku": "KET-001", "name": "Kettle", "quantity": 1, "unitPrice": 24.90, "lineTotal": 24.90},
                  {"productId": 9, "sku": "MUG-001", "name": "Mug", "quantity": 3, "unitPrice": 7.50, "lineTotal": 22.50}],
                 "total": %s, "createdAt": "2026-11-24T10:15:30.123456Z", "version": %d}""".formatted(id, total, version);
    }

    private void sendAndAwait(String source, long id, String body, String outcome) {
        Events.sendAndAwait(meters, COUNTER, outcome, () -> producer.send("order.created", Long.toString(id),
                CloudEventHeaders.of(UUID.randomUUID(), "order.created", source, Instant.now(), Long.toString(id)),
                body));
    }

    @Test
    void theMonolithsOrderIsKeptAsItWasOnceAndNeverPublished() {
        sendAndAwait("monolith", 1001, orderCreated(1001, 2, "47.40"), "applied");
        sendAndAwait("monolith", 1001, orderCreated(1001, 3, "99.99"), "duplicate");

        assertThat(mvc.get().uri("/api/orders/1001")).hasStatusOk().bodyText().isEqualTo("""
                {"id":1001,"userId":42,"status":"PLACED","lines":[\
                {"productId":7,"sku":"KET-001","name":"Kettle","quantity":1,"unitPrice":24.90,"lineTotal":24.90},\
                {"productId":9,"sku":"MUG-001","name":"Mug","quantity":3,"unitPrice":7.50,"lineTotal":22.50}],\
                "total":47.40,"createdAt":"2026-11-24T10:15:30.123456Z"}""");
        assertThat(jdbc.queryForObject("select version from orders where id = 1001", Long.class)).isEqualTo(2);
        assertThat(fixtures.outboxRows()).isZero();
        // An explicit id does not move the sequence: the first order placed here still gets the first service id.
        assertThat(orders.allocateId()).isEqualTo(OrderFixtures.FIRST_SERVICE_ID);
    }

    @Test
    void ownEventsAreIgnored() {
        sendAndAwait("order-service", 1_000_000_007L, orderCreated(1_000_000_007L, 0, "47.40"), "own-source");

        assertThat(fixtures.orders()).isZero();
    }

    @Test
    void anOrderPlacedHereIsNotReplacedByItsEchoFromTheMonolith() {
        long id = orders.allocateId();
        orders.save(id, 42, List.of(OrderResponse.Line.of(5, "PAN-001", "Pan", 1, new BigDecimal("39.90"))),
                Instant.parse("2026-11-24T11:00:00Z"));

        sendAndAwait("monolith", id, orderCreated(id, 0, "47.40"), "duplicate");

        assertThat(jdbc.queryForObject("select total from orders where id = ?", BigDecimal.class, id))
                .isEqualByComparingTo("39.90");
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextEventOfItsPartitionIsApplied() {
        var headers = CloudEventHeaders.of(UUID.randomUUID(), "order.created", "monolith", Instant.now(), "1002");
        var notJson = producer.send("order.created", "1002", headers, "this is not JSON");
        var noLines = producer.send("order.created", "1002", CloudEventHeaders.of(UUID.randomUUID(), "order.created",
                "monolith", Instant.now(), "1002"), orderCreated(1002, 0, "47.40").replaceAll("\"lines\": \\[[^]]*]", "\"lines\": []"));
        var noTotal = producer.send("order.created", "1002", CloudEventHeaders.of(UUID.randomUUID(), "order.created",
                "monolith", Instant.now(), "1002"), orderCreated(1002, 0, "null"));
        sendAndAwait("monolith", 1002, orderCreated(1002, 0, "47.40"), "applied");

        assertThat(fixtures.orders()).isEqualTo(1);
        try (var deadLetters = new TopicReader(RealInfrastructure.kafka(), "order.created.DLT")) {
            for (var poison : List.of(notJson, noLines, noTotal)) {
                deadLetters.awaitFirst(record -> Events.originalOffset(record) == poison.getRecordMetadata().offset()
                        && "1002".equals(record.key()));
            }
        }
        assertThat(fixtures.outboxRows()).isZero();
    }
}
