package dev.strangler.monolith.orders.backfill;

import dev.strangler.monolith.backfill.BackfillProperties;
import dev.strangler.monolith.backfill.BatchedBackfill;
import dev.strangler.monolith.backfill.BatchedBackfill.Batch;
import dev.strangler.monolith.orders.OrderCreated;
import dev.strangler.monolith.orders.OrderEvents;
import dev.strangler.monolith.orders.OrderSnapshots;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * Publishes every order the monolith placed through the outbox as {@code order.created}, so that order-service can
 * build its copy of the orders placed before it existed — like the users backfill ({@link BatchedBackfill}): in the
 * background, in id order, one transaction per batch, and harmless to run again, since order-service inserts an order
 * only if it is absent.
 *
 * <p>Two differences from users (ADR 0033): every event carries {@code strangler-notified-by}, because these orders
 * were confirmed by e-mail when they were placed and notification-service must not confirm them again; and only the
 * monolith's own id range (below 1,000,000,000, ADR 0013) is published: orders from order-service's range were placed
 * and published by order-service, and came here through replication.
 */
@Service
class OrderBackfill {

    /** Where order-service allocates ids (ADR 0013): its orders are its own to publish. */
    static final long SERVICE_ID_RANGE_START = 1_000_000_000L;

    private final JdbcClient jdbc;
    private final OrderSnapshots snapshots;
    private final OrderEvents events;
    private final BatchedBackfill runner;

    OrderBackfill(JdbcClient jdbc, TransactionTemplate transactions, OrderSnapshots snapshots, OrderEvents events,
                  BackfillProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.events = events;
        this.runner = new BatchedBackfill("orders", this::count, this::publishBatch, transactions, properties, clock,
                meters);
    }

    BatchedBackfill runner() {
        return runner;
    }

    private long count() {
        return jdbc.sql("select count(*) from orders where id < ?").param(SERVICE_ID_RANGE_START)
                .query(Long.class).single();
    }

    /** Reads a batch and appends its events, in the runner's transaction. */
    private Batch publishBatch(long afterId, int limit) {
        List<OrderCreated> batch = snapshots.between(afterId, SERVICE_ID_RANGE_START, limit);
        batch.forEach(events::snapshot);
        return Batch.of(batch, OrderCreated::id);
    }
}
