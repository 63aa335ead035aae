package dev.strangler.orders.contracts;

import dev.strangler.messaging.support.contracts.EventContracts;
import dev.strangler.messaging.support.contracts.PublishedEvents;
import dev.strangler.orders.ordering.OrderResponse;
import dev.strangler.orders.ordering.Orders;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The running order-service that the order.created contract ({@code contracts/order-service/subscribers}) is checked
 * against, as the monolith is: the trigger saves an order through {@link Orders#save}, the step that writes an order
 * placed here and its event in one transaction, and the generated test reads the event the outbox relay then put on
 * the real Kafka broker. Fields are injected because the generated subclass has only the implicit no-argument
 * constructor.
 */
@OrderServiceIntegrationTest
@Import(EventContracts.class)
abstract class OrderEventsContractBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublishedEvents events;

    @Autowired
    Orders orders;

    @BeforeEach
    void theUsersAndOrdersTheContractsName() {
        ContractOrders.restore(jdbc, port);
    }

    /** Trigger of {@code shouldPublishOrderCreated}: one kettle and three mugs, at the prices the reservation gave. */
    void orderPlaced() {
        long id = orders.allocateId();
        orders.save(id, 42, List.of(
                        OrderResponse.Line.of(7, "KET-001", "Kettle", 1, new BigDecimal("24.90")),
                        OrderResponse.Line.of(9, "MUG-001", "Mug", 3, new BigDecimal("7.50"))),
                Instant.now());
        events.expect(eventOf(id));
    }

    /** The event the order wrote to the outbox in its transaction: the one the relay must publish. */
    private UUID eventOf(long orderId) {
        return jdbc.queryForObject("""
                select event_id from event_outbox where message_key = ? and event_type = 'order.created'""",
                UUID.class, Long.toString(orderId));
    }
}
