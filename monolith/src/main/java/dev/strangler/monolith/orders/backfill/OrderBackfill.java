package dev.strangler.monolith.orders.backfill;

import dev.strangler.monolith.orders.OrderCreated;
import dev.strangler.monolith.orders.OrderEvents;
import dev.strangler.monolith.orders.OrderSnapshots;
import dev.strangler.monolith.users.backfill.BackfillAlreadyRunningException;
import dev.strangler.monolith.users.backfill.BackfillProperties;
import dev.strangler.monolith.users.backfill.BackfillStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes every order the monolith placed through the outbox as {@code order.created}, so that order-service can
 * build its copy of the orders placed before it existed — like the users backfill: in the background, in id order, one
 * transaction per batch, and harmless to run again, since order-service inserts an order only if it is absent.
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

    private static final Logger log = LoggerFactory.getLogger(OrderBackfill.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OrderSnapshots snapshots;
    private final OrderEvents events;
    private final BackfillProperties properties;
    private final Clock clock;
    private final Counter published;
    private final AtomicReference<BackfillStatus> status = new AtomicReference<>(BackfillStatus.NOT_STARTED);

    OrderBackfill(JdbcClient jdbc, TransactionTemplate transactions, OrderSnapshots snapshots, OrderEvents events,
                  BackfillProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.snapshots = snapshots;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.published = Counter.builder("strangler.backfill.published")
                .description("Entities republished by a backfill")
                .tag("entity", "orders")
                .register(meters);
        Gauge.builder("strangler.backfill.running", status, current -> current.get().running() ? 1 : 0)
                .description("Whether a backfill is running on this instance")
                .tag("entity", "orders")
                .register(meters);
    }

    BackfillStatus status() {
        return status.get();
    }

    /** Starts a run in the background and returns its first status; refuses while one runs. */
    synchronized BackfillStatus start() {
        BackfillStatus current = status.get();
        if (current.running()) {
            throw new BackfillAlreadyRunningException(current);
        }
        long total = jdbc.sql("select count(*) from orders where id < ?").param(SERVICE_ID_RANGE_START)
                .query(Long.class).single();
        BackfillStatus started = BackfillStatus.started(total, clock.instant());
        status.set(started);
        log.info("Backfill of orders started: {} orders, batches of {}", total, properties.batchSize());
        Thread.ofPlatform().name("orders-backfill").daemon(true).start(this::run);
        return started;
    }

    private void run() {
        long afterId = 0;
        Instant lastLog = clock.instant();
        try {
            while (true) {
                long from = afterId;
                List<OrderCreated> batch = transactions.execute(tx -> publishBatch(from));
                if (batch == null || batch.isEmpty()) {
                    break;
                }
                afterId = batch.getLast().id();
                published.increment(batch.size());
                BackfillStatus now = status.updateAndGet(current -> current.progressed(batch.size()));
                if (Duration.between(lastLog, clock.instant()).compareTo(LOG_EVERY) >= 0) {
                    lastLog = clock.instant();
                    log.info("Backfill of orders: {} of {} published", now.published(), now.total());
                }
            }
            BackfillStatus done = status.updateAndGet(current -> current.done(clock.instant()));
            log.info("Backfill of orders done: {} published in {}", done.published(),
                    Duration.between(done.startedAt(), done.finishedAt()));
        }
        catch (RuntimeException ex) {
            status.updateAndGet(current -> current.failed(clock.instant(), ex.toString()));
            log.error("Backfill of orders failed after order {}; running it again is safe", afterId, ex);
        }
    }

    /** Reads a batch and appends its events in one transaction, so each event is the state of a committed order. */
    private List<OrderCreated> publishBatch(long afterId) {
        List<OrderCreated> batch = snapshots.between(afterId, SERVICE_ID_RANGE_START, properties.batchSize());
        batch.forEach(events::snapshot);
        return batch;
    }
}
