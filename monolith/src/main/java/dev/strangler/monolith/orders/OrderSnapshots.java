package dev.strangler.monolith.orders;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads whole orders (their lines included) as {@code order.created} carries them, straight from the tables, for the
 * backfill and the reconciliation's republish: two queries per batch rather than an entity graph per order.
 */
@Component
public class OrderSnapshots {

    private final JdbcClient jdbc;

    OrderSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} orders with {@code afterId < id < belowId}, in id order. */
    public List<OrderCreated> between(long afterId, long belowId, int limit) {
        return withLines(jdbc.sql("""
                        select id, user_id, status, total, created_at, version from orders
                        where id > ? and id < ? order by id limit ?""")
                .params(afterId, belowId, limit)
                .query((rs, n) -> head(rs))
                .list());
    }

    /** The orders with these ids that exist, in id order. */
    public List<OrderCreated> withIds(List<Long> ids) {
        return withLines(jdbc.sql("""
                        select id, user_id, status, total, created_at, version from orders
                        where id in (:ids) order by id""")
                .param("ids", ids)
                .query((rs, n) -> head(rs))
                .list());
    }

    private List<OrderCreated> withLines(List<OrderCreated> heads) {
        if (heads.isEmpty()) {
            return heads;
        }
        Map<Long, List<OrderCreated.Line>> lines = new LinkedHashMap<>();
        heads.forEach(order -> lines.put(order.id(), new ArrayList<>()));
        jdbc.sql("""
                        select order_id, product_id, sku, name, quantity, unit_price from order_lines
                        where order_id in (:ids) order by order_id, line_no""")
                .param("ids", List.copyOf(lines.keySet()))
                .query(rs -> {
                    BigDecimal unitPrice = rs.getBigDecimal("unit_price");
                    int quantity = rs.getInt("quantity");
                    lines.get(rs.getLong("order_id")).add(new OrderCreated.Line(rs.getLong("product_id"),
                            rs.getString("sku"), rs.getString("name"), quantity, unitPrice,
                            unitPrice.multiply(BigDecimal.valueOf(quantity))));
                });
        return heads.stream().map(order -> new OrderCreated(order.id(), order.userId(), order.status(),
                List.copyOf(lines.get(order.id())), order.total(), order.createdAt(), order.version())).toList();
    }

    private static OrderCreated head(ResultSet rs) throws SQLException {
        return new OrderCreated(rs.getLong("id"), rs.getLong("user_id"), OrderStatus.valueOf(rs.getString("status")),
                List.of(), rs.getBigDecimal("total"), rs.getTimestamp("created_at").toInstant(), rs.getLong("version"));
    }
}
