package dev.strangler.monolith.orders.replication;

import dev.strangler.messaging.inbound.IncomingEvent;
import dev.strangler.messaging.inbound.PoisonMessageException;
import dev.strangler.messaging.inbound.RetryLaterException;
import dev.strangler.monolith.catalog.stock.StockReservations;
import dev.strangler.monolith.orders.OrderCreated;
import dev.strangler.monolith.orders.OrderEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the legacy {@code orders}/{@code order_lines} tables in step with the orders order-service places, because the
 * monolith's pages (the profile's order history), its API and its reconciliation still read them. Its own events are
 * ignored; an order already there is left alone, so duplicates, replays and a backfill change nothing. Applying an
 * order confirms its stock reservation (the reservation id is the order id) in the same transaction.
 *
 * <p>A listener container (and consumer group) of its own, apart from the users' one: an order whose user has not
 * arrived yet is retried here, and in a shared container spring-kafka's re-seek would hold back the very user event
 * that lets it through.
 */
@Component
class OrderReplication {

    static final String LISTENER = "orders-replication";

    private static final Logger log = LoggerFactory.getLogger(OrderReplication.class);

    private final OrderReplica replica;
    private final StockReservations reservations;
    private final TransactionTemplate transactions;
    private final String ownSource;
    private final MeterRegistry meters;

    OrderReplication(OrderReplica replica, StockReservations reservations, TransactionTemplate transactions,
                     @Value("${strangler.events.source:${spring.application.name}}") String ownSource,
                     MeterRegistry meters) {
        this.replica = replica;
        this.reservations = reservations;
        this.transactions = transactions;
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
        OrderReplica.Result result = transactions.execute(tx -> {
            OrderReplica.Result applied = replica.apply(order);
            if (applied != OrderReplica.Result.USER_UNKNOWN) {
                // In this transaction (ADR 0031): once the order is here, its reserved stock is sold and can no longer
                // be given back. Also for an order already here, since confirming again is harmless.
                reservations.confirm(order.id());
            }
            return applied;
        });
        switch (result) {
            case APPLIED -> {
                count("applied");
                log.debug("Applied order {} of user {} from {}", order.id(), order.userId(), event.source());
            }
            case ALREADY_THERE -> count("duplicate");
            case USER_UNKNOWN -> {
                count("user-unknown");
                // The user's event is on its way (user-service publishes it before the user can order); a bounded
                // retry lets it arrive, and a user that never does ends in the dead-letter topic with this reason.
                throw new RetryLaterException("user " + order.userId() + " of order " + order.id()
                        + " is not here yet");
            }
            case null -> throw new IllegalStateException("No result for order " + order.id());
        }
    }

    private void count(String outcome) {
        Counter.builder("strangler.orders.replication")
                .description("Order events from other owners, by what became of them")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
