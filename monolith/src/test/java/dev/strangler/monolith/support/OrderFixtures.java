package dev.strangler.monolith.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Orders put straight into the legacy tables with the ids, times and versions a test needs, as if placed long ago.
 */
public record OrderFixtures(JdbcTemplate jdbc) {

    /** An order of one line ({@code quantity} × {@code unitPrice} of the product) with this id. */
    public void order(long id, long userId, long productId, String sku, int quantity, String unitPrice,
                      Instant createdAt, long version) {
        BigDecimal price = new BigDecimal(unitPrice);
        jdbc.update("""
                insert into orders (id, user_id, status, total, created_at, version) values (?, ?, 'PLACED', ?, ?, ?)""",
                id, userId, price.multiply(BigDecimal.valueOf(quantity)), Timestamp.from(createdAt), version);
        jdbc.update("""
                insert into order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price)
                values (?, 1, ?, ?, ?, ?, ?)""", id, productId, sku, "Product " + sku, quantity, price);
    }
}
