package dev.strangler.orders.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Puts rows straight into the tables, as replication writes them (users, the monolith's orders), and reads back what
 * tests check.
 */
public record OrderFixtures(JdbcTemplate jdbc) {

    /** The first id the service hands out: above every id the monolith will ever use (docs/adr/0013). */
    public static final long FIRST_SERVICE_ID = 1_000_000_000L;

    /** A user in the replica, as user events put it there. */
    public void user(long id, String email, String name) {
        jdbc.update("insert into users (id, email, name, version) values (?, ?, ?, 0)", id, email, name);
    }

    /**
     * An order with the given id and one line per {@code productId, quantity, unitPrice} triple (product 7 is
     * KET-001 "Kettle", others PRD-&lt;id&gt; "Product &lt;id&gt;"); its total is the sum of the lines.
     */
    public void order(long id, long userId, Instant createdAt, long version, Object... lines) {
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines.length; i += 3) {
            total = total.add(new BigDecimal(lines[i + 2].toString()).multiply(BigDecimal.valueOf((int) lines[i + 1])));
        }
        jdbc.update("insert into orders (id, user_id, status, total, created_at, version) values (?, ?, 'PLACED', ?, ?, ?)",
                id, userId, total, Timestamp.from(createdAt), version);
        for (int i = 0; i < lines.length; i += 3) {
            long productId = ((Number) lines[i]).longValue();
            jdbc.update("""
                            insert into order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price)
                            values (?, ?, ?, ?, ?, ?, ?)""",
                    id, i / 3 + 1, productId, productId == 7 ? "KET-001" : "PRD-" + productId,
                    productId == 7 ? "Kettle" : "Product " + productId, lines[i + 1],
                    new BigDecimal(lines[i + 2].toString()));
        }
    }

    public long orders() {
        return jdbc.queryForObject("select count(*) from orders", Long.class);
    }

    public long outboxRows() {
        return jdbc.queryForObject("select count(*) from event_outbox", Long.class);
    }
}
