package dev.strangler.monolith.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;

/**
 * Puts rows straight into the tables and counts them, so tests can check that refused requests change nothing.
 */
public record ShopFixtures(JdbcTemplate jdbc) {

    public long product(String sku, String price, int stock) {
        return jdbc.queryForObject("""
                insert into products (sku, name, description, price, stock)
                values (?, ?, 'A thing for tests', ?, ?) returning id""",
                Long.class, sku, "Product " + sku, new BigDecimal(price), stock);
    }

    public long user(String email, String name) {
        return jdbc.queryForObject("""
                insert into users (email, name, created_at, updated_at) values (?, ?, now(), now()) returning id""",
                Long.class, email, name);
    }

    public int stockOf(long productId) {
        return jdbc.queryForObject("select stock from products where id = ?", Integer.class, productId);
    }

    public Counts counts() {
        return jdbc.queryForObject("""
                select (select count(*) from users), (select count(*) from orders), (select count(*) from order_lines),
                       (select count(*) from sent_emails), (select coalesce(sum(stock), 0) from products),
                       (select count(*) from event_outbox)""",
                (rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)));
    }

    /** Row counts, the total stock and the events written: a refused request must leave all of them as they were. */
    public record Counts(long users, long orders, long orderLines, long sentEmails, long totalStock, long events) {
    }
}
