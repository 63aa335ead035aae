package dev.strangler.messaging.outbox;

import dev.strangler.messaging.outbox.OutboxTable.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox: claims the head row of each waiting key ({@code FOR UPDATE SKIP LOCKED}, so any number of
 * instances can relay the same table), sends the rows, and marks them sent in the same transaction. A crash before the
 * commit leaves the rows unsent, to be sent again: delivery is at least once, and consumers drop duplicates by version.
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    private static final int PURGE_BATCH = 10_000;

    private final OutboxTable table;
    private final OutboxPublisher publisher;
    private final EventTopics topics;
    private final TransactionTemplate transactions;
    private final OutboxProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;
    private Instant nextPurge = Instant.now();

    OutboxRelay(OutboxTable table, OutboxPublisher publisher, EventTopics topics, TransactionTemplate transactions,
                OutboxProperties properties) {
        this.table = table;
        this.publisher = publisher;
        this.topics = topics;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Ends the current pause early: something was just committed to the outbox. */
    void wakeUp() {
        wakeUps.release();
    }

    /** One poll: claims, sends and marks a batch in one transaction; returns what happened. */
    Batch relayBatch() {
        topics.ensureCreated();
        Batch batch = transactions.execute(status -> {
            List<Pending> rows = table.claimHeads(properties.relay().batchSize());
            if (rows.isEmpty()) {
                return Batch.EMPTY;
            }
            OutboxPublisher.Outcome outcome = publisher.publish(rows);
            table.markSent(outcome.sent());
            outcome.failed().forEach((id, error) -> {
                int attempts = rows.stream().filter(row -> row.id() == id).findFirst().orElseThrow().attempts();
                table.markFailed(id, backOff(attempts + 1), describe(error));
            });
            return new Batch(rows.size(), outcome.sent().size(), outcome.failed());
        });
        return batch == null ? Batch.EMPTY : batch;
    }

    private void run() {
        int failuresInARow = 0;
        while (running) {
            Duration pause;
            try {
                Batch batch = relayBatch();
                if (batch.onlyFailures()) {
                    failuresInARow++;
                    log.warn("Outbox relay: {} of {} event(s) not published, retrying in {}: {}", batch.failed().size(),
                            batch.claimed(), backOff(failuresInARow), describe(batch.failed().values().iterator().next()));
                    pause = backOff(failuresInARow);
                }
                else {
                    failuresInARow = 0;
                    // A key's next row can only be claimed once its head is sent, so after any progress poll again
                    // at once: a busy key drains at the speed of a round trip, not one row per poll interval.
                    pause = batch.sent() > 0 ? Duration.ZERO : properties.relay().pollInterval();
                }
                purgeWhenDue();
            }
            catch (RuntimeException ex) {
                failuresInARow++;
                pause = backOff(failuresInARow);
                log.warn("Outbox relay cannot run, retrying in {}: {}", pause, describe(ex));
            }
            pauseFor(pause);
        }
    }

    private void purgeWhenDue() {
        if (Instant.now().isBefore(nextPurge)) {
            return;
        }
        nextPurge = Instant.now().plus(PURGE_EVERY);
        int purged = table.purgeSent(properties.retention(), PURGE_BATCH);
        if (purged > 0) {
            log.info("Outbox relay: deleted {} event(s) relayed more than {} ago", purged, properties.retention());
        }
    }

    private void pauseFor(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        try {
            if (wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Exponential from the initial back-off, capped. */
    Duration backOff(int failures) {
        Duration initial = properties.relay().initialBackOff();
        Duration max = properties.relay().maxBackOff();
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 20);
        Duration next = initial.multipliedBy(factor);
        return next.compareTo(max) > 0 ? max : next;
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::run);
        log.info("Outbox relay started (batch {}, poll every {})", properties.relay().batchSize(),
                properties.relay().pollInterval());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUps.release();
        try {
            // The current batch finishes (at most one delivery timeout), so nothing is sent twice needlessly.
            worker.join(properties.producer().deliveryTimeout().plusSeconds(5));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One poll's result. */
    record Batch(int claimed, int sent, Map<Long, Exception> failed) {

        static final Batch EMPTY = new Batch(0, 0, Map.of());

        boolean onlyFailures() {
            return sent == 0 && !failed.isEmpty();
        }
    }
}
