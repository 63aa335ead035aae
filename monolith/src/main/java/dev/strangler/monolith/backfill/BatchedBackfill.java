package dev.strangler.monolith.backfill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Runs the backfill of one entity: republishes its rows through the outbox in the background, in id order, one
 * transaction per batch, with a status for {@code GET /admin/backfill/<entity>} and the metrics
 * {@code strangler.backfill.published} and {@code strangler.backfill.running} tagged with the entity. What is read and
 * how it is published is the entity's own {@link Batches}; running a backfill again is harmless as long as its
 * consumers ignore what they already hold.
 */
public final class BatchedBackfill {

    private static final Logger log = LoggerFactory.getLogger(BatchedBackfill.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    /** Reads the rows after an id and appends their events to the outbox. */
    @FunctionalInterface
    public interface Batches {

        /**
         * Publishes at most {@code limit} rows with an id above {@code afterId}, in id order; called inside a
         * transaction, so each event is the state of a committed row.
         *
         * @return the last id published and how many were, {@link Batch#NONE} when there is nothing left
         */
        Batch publishAfter(long afterId, int limit);
    }

    /**
     * What one batch published.
     *
     * @param lastId the highest id published, where the next batch starts
     * @param size how many rows were published
     */
    public record Batch(long lastId, int size) {

        public static final Batch NONE = new Batch(0, 0);

        /** What publishing {@code rows}, in id order, amounts to. */
        public static <T> Batch of(List<T> rows, ToLongFunction<T> id) {
            return rows.isEmpty() ? NONE : new Batch(id.applyAsLong(rows.getLast()), rows.size());
        }
    }

    private final String entity;
    private final LongSupplier count;
    private final Batches batches;
    private final TransactionTemplate transactions;
    private final BackfillProperties properties;
    private final Clock clock;
    private final Counter published;
    private final AtomicReference<BackfillStatus> status = new AtomicReference<>(BackfillStatus.NOT_STARTED);

    /**
     * @param entity the plural name ("users") in the metrics' tag, the logs and the thread's name
     * @param count how many rows a run will publish, for its status
     */
    public BatchedBackfill(String entity, LongSupplier count, Batches batches, TransactionTemplate transactions,
                           BackfillProperties properties, Clock clock, MeterRegistry meters) {
        this.entity = entity;
        this.count = count;
        this.batches = batches;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.published = Counter.builder("strangler.backfill.published")
                .description("Entities republished by a backfill")
                .tag("entity", entity)
                .register(meters);
        Gauge.builder("strangler.backfill.running", status, current -> current.get().running() ? 1 : 0)
                .description("Whether a backfill is running on this instance")
                .tag("entity", entity)
                .register(meters);
    }

    public BackfillStatus status() {
        return status.get();
    }

    /** Starts a run in the background and returns its first status; refuses while one runs. */
    public synchronized BackfillStatus start() {
        BackfillStatus current = status.get();
        if (current.running()) {
            throw new BackfillAlreadyRunningException(current);
        }
        long total = count.getAsLong();
        BackfillStatus started = BackfillStatus.started(total, clock.instant());
        status.set(started);
        log.info("Backfill of {} started: {} {}, batches of {}", entity, total, entity, properties.batchSize());
        Thread.ofPlatform().name(entity + "-backfill").daemon(true).start(this::run);
        return started;
    }

    private void run() {
        long afterId = 0;
        Instant lastLog = clock.instant();
        try {
            while (true) {
                long from = afterId;
                Batch batch = transactions.execute(tx -> batches.publishAfter(from, properties.batchSize()));
                if (batch == null || batch.size() == 0) {
                    break;
                }
                afterId = batch.lastId();
                published.increment(batch.size());
                BackfillStatus now = status.updateAndGet(current -> current.progressed(batch.size()));
                if (Duration.between(lastLog, clock.instant()).compareTo(LOG_EVERY) >= 0) {
                    lastLog = clock.instant();
                    log.info("Backfill of {}: {} of {} published", entity, now.published(), now.total());
                }
            }
            BackfillStatus done = status.updateAndGet(current -> current.done(clock.instant()));
            log.info("Backfill of {} done: {} published in {}", entity, done.published(),
                    Duration.between(done.startedAt(), done.finishedAt()));
        }
        catch (RuntimeException ex) {
            status.updateAndGet(current -> current.failed(clock.instant(), ex.toString()));
            log.error("Backfill of {} failed after id {}; running it again is safe", entity, afterId, ex);
        }
    }
}
