package dev.strangler.monolith.users.backfill;

import dev.strangler.monolith.users.UserChanged;
import dev.strangler.monolith.users.UserEvents;
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
 * Publishes the current state of every existing user through the outbox, so that a new consumer (user-service) can
 * build its copy of users that were registered before the monolith published events. Runs in the background, in id
 * order, one transaction per batch; running it again is harmless, since consumers ignore versions they already hold.
 */
@Service
class UserBackfill {

    private static final Logger log = LoggerFactory.getLogger(UserBackfill.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final UserEvents events;
    private final BackfillProperties properties;
    private final Clock clock;
    private final Counter published;
    private final AtomicReference<BackfillStatus> status = new AtomicReference<>(BackfillStatus.NOT_STARTED);

    UserBackfill(JdbcClient jdbc, TransactionTemplate transactions, UserEvents events, BackfillProperties properties,
                 Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.published = Counter.builder("strangler.backfill.published")
                .description("Entities republished by a backfill")
                .tag("entity", "users")
                .register(meters);
        Gauge.builder("strangler.backfill.running", status, current -> current.get().running() ? 1 : 0)
                .description("Whether a backfill is running on this instance")
                .tag("entity", "users")
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
        long total = jdbc.sql("select count(*) from users").query(Long.class).single();
        BackfillStatus started = BackfillStatus.started(total, clock.instant());
        status.set(started);
        log.info("Backfill of users started: {} users, batches of {}", total, properties.batchSize());
        Thread.ofPlatform().name("users-backfill").daemon(true).start(this::run);
        return started;
    }

    private void run() {
        long afterId = 0;
        Instant lastLog = clock.instant();
        try {
            while (true) {
                long from = afterId;
                List<UserChanged> batch = transactions.execute(tx -> publishBatch(from));
                if (batch == null || batch.isEmpty()) {
                    break;
                }
                afterId = batch.getLast().id();
                published.increment(batch.size());
                BackfillStatus now = status.updateAndGet(current -> current.progressed(batch.size()));
                if (Duration.between(lastLog, clock.instant()).compareTo(LOG_EVERY) >= 0) {
                    lastLog = clock.instant();
                    log.info("Backfill of users: {} of {} published", now.published(), now.total());
                }
            }
            BackfillStatus done = status.updateAndGet(current -> current.done(clock.instant()));
            log.info("Backfill of users done: {} published in {}", done.published(),
                    Duration.between(done.startedAt(), done.finishedAt()));
        }
        catch (RuntimeException ex) {
            status.updateAndGet(current -> current.failed(clock.instant(), ex.toString()));
            log.error("Backfill of users failed after user {}; running it again is safe", afterId, ex);
        }
    }

    /** Reads a batch and appends its events in one transaction, so each event is the state of a committed row. */
    private List<UserChanged> publishBatch(long afterId) {
        List<UserChanged> batch = jdbc.sql("""
                        select id, email, name, created_at, updated_at, version from users
                        where id > ? order by id limit ?""")
                .params(afterId, properties.batchSize())
                .query((rs, n) -> new UserChanged(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                        rs.getLong("version")))
                .list();
        batch.forEach(events::snapshot);
        return batch;
    }
}
