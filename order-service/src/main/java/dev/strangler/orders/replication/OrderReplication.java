package dev.strangler.orders.replication;

import dev.strangler.messaging.inbound.IncomingEvent;
import dev.strangler.messaging.inbound.PoisonMessageException;
import dev.strangler.orders.ordering.OrderCreated;
import dev.strangler.orders.ordering.OrderEvents;
import dev.strangler.orders.ordering.Orders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Copies the monolith's orders into this service's tables from its {@code order.created}, so that the orders API here
 * answers for every order, old or new, before and after writes move. Orders never change once placed, so an order
 * already here is kept as it is (a duplicate, a replay, a backfill); its own events are ignored.
 */
@Component
class OrderReplication {

    static final String LISTENER = "orders-replication";

    private static final Logger log = LoggerFactory.getLogger(OrderReplication.class);

    private final Orders orders;
    private final String ownSource;
    private final MeterRegistry meters;

    OrderReplication(Orders orders, @Value("${strangler.events.source:${spring.application.name}}") String ownSource,
                     MeterRegistry meters) {
        this.orders = orders;
        this.ownSource = ownSource;
        this.meters = meters;
    }

    @KafkaListener(id = LISTENER, topics = OrderEvents.CREATED,
            groupId = "${strangler.orders.replication.group-id}",
            autoStartup = "${strangler.orders.replication.enabled}")
    void on(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (event.isFrom(ownSource)) {
            count("own-source");
            return;
        }
        if (!OrderEvents.CREATED.equals(event.type())) {
            throw PoisonMessageException.unknownType(event);
        }
        OrderCreated order = event.data(OrderCreated.class);
        if (order.lines().isEmpty()) {
            throw new PoisonMessageException("order.created of order " + order.id() + " has no lines");
        }
        boolean applied = orders.saveReplicated(order);
        count(applied ? "applied" : "duplicate");
        log.debug("{} order {} from {}", applied ? "Copied" : "Already had", order.id(), event.source());
    }

    private void count(String outcome) {
        Counter.builder("strangler.orders.replication")
                .description("order.created of other owners, by what became of them")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
