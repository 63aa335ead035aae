package dev.strangler.orders.placing;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code order_attempts} table: an order between tx1 and tx2, whose reservation at the monolith may or may not
 * exist. Whoever deletes the row settles the attempt: tx2 (the order is placed), a refusal, or the sweeper (the
 * reservation is cancelled).
 */
@Component
class OrderAttempts {

    private final JdbcTemplate jdbc;

    OrderAttempts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long orderId, long userId, String lines, @Nullable IdempotencyKey key, Instant now) {
        jdbc.update("""
                insert into order_attempts (order_id, user_id, lines, idempotency_key, created_at)
                values (?, ?, ?, ?, ?)""", orderId, userId, lines, key == null ? null : key.value(),
                Timestamp.from(now));
    }

    /**
     * Deletes the attempt; false when it was gone already (the sweeper took it). While the sweeper holds the row, this
     * waits for it, and then finds it gone.
     */
    boolean delete(long orderId) {
        return jdbc.update("delete from order_attempts where order_id = ?", orderId) == 1;
    }

    /**
     * The oldest attempt started before {@code before} that nobody else holds, locked until the caller's transaction
     * ends, so that tx2 of a slow placement waits for the sweeper's verdict instead of racing it.
     */
    Optional<Long> lockOldestStartedBefore(Instant before) {
        return jdbc.query("""
                select order_id from order_attempts where created_at < ?
                order by created_at limit 1 for update skip locked""",
                (rs, n) -> rs.getLong(1), Timestamp.from(before)).stream().findFirst();
    }

    long count() {
        Long count = jdbc.queryForObject("select count(*) from order_attempts", Long.class);
        return count == null ? 0 : count;
    }
}
