package dev.strangler.monolith.users.backfill;

import dev.strangler.monolith.backfill.BackfillProperties;
import dev.strangler.monolith.backfill.BatchedBackfill;
import dev.strangler.monolith.backfill.BatchedBackfill.Batch;
import dev.strangler.monolith.users.UserChanged;
import dev.strangler.monolith.users.UserEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * Publishes the current state of every existing user through the outbox, so that a new consumer (user-service) can
 * build its copy of users that were registered before the monolith published events. Runs in the background, in id
 * order, one transaction per batch ({@link BatchedBackfill}); running it again is harmless, since consumers ignore
 * versions they already hold.
 */
@Service
class UserBackfill {

    private final JdbcClient jdbc;
    private final UserEvents events;
    private final BatchedBackfill runner;

    UserBackfill(JdbcClient jdbc, TransactionTemplate transactions, UserEvents events, BackfillProperties properties,
                 Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.events = events;
        this.runner = new BatchedBackfill("users", this::count, this::publishBatch, transactions, properties, clock,
                meters);
    }

    BatchedBackfill runner() {
        return runner;
    }

    private long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    /** Reads a batch and appends its events, in the runner's transaction. */
    private Batch publishBatch(long afterId, int limit) {
        List<UserChanged> batch = jdbc.sql("""
                        select id, email, name, created_at, updated_at, version from users
                        where id > ? order by id limit ?""")
                .params(afterId, limit)
                .query((rs, n) -> new UserChanged(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                        rs.getLong("version")))
                .list();
        batch.forEach(events::snapshot);
        return Batch.of(batch, UserChanged::id);
    }
}
