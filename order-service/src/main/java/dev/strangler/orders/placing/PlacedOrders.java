package dev.strangler.orders.placing;

import dev.strangler.messaging.outbox.EventOutbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a placed order (its rows and its {@code order.created} in the outbox, in the caller's transaction) and reads
 * one back for a repeated request.
 */
@Component
class PlacedOrders {

    static final String CREATED = "order.created";

    private final JdbcTemplate jdbc;
    private final EventOutbox outbox;

    PlacedOrders(JdbcTemplate jdbc, EventOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Allocates the id of an order to come: it names the stock reservation before the order exists. */
    long nextId() {
        Long id = jdbc.queryForObject("select nextval('orders_id_seq')", Long.class);
        if (id == null) {
            throw new IllegalStateException("orders_id_seq gave no value");
        }
        return id;
    }

    /**
     * Inserts the order and appends its {@code order.created}, without the strangler-notified-by mark, so that
     * notification-service sends its confirmation.
     */
    void insert(PlacedOrder order) {
        jdbc.update("insert into orders (id, user_id, status, total, created_at, version) values (?, ?, ?, ?, ?, 0)",
                order.id(), order.userId(), order.status(), order.total(), Timestamp.from(order.createdAt()));
        int lineNo = 0;
        for (PlacedOrder.Line line : order.lines()) {
            jdbc.update("""
                    insert into order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price)
                    values (?, ?, ?, ?, ?, ?, ?)""", order.id(), ++lineNo, line.productId(), line.sku(), line.name(),
                    line.quantity(), line.unitPrice());
        }
        String id = Long.toString(order.id());
        outbox.append(CREATED, id, CREATED, id, OrderCreated.of(order), Map.of());
    }

    Optional<PlacedOrder> find(long id) {
        List<PlacedOrder.Line> lines = jdbc.query("""
                select product_id, sku, name, quantity, unit_price from order_lines where order_id = ? order by line_no""",
                (rs, n) -> new PlacedOrder.Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(5).multiply(java.math.BigDecimal.valueOf(rs.getInt(4)))),
                id);
        return jdbc.query("select id, user_id, status, total, created_at from orders where id = ?",
                (rs, n) -> new PlacedOrder(rs.getLong(1), rs.getLong(2), rs.getString(3), lines, rs.getBigDecimal(4),
                        rs.getTimestamp(5).toInstant()), id).stream().findFirst();
    }

    boolean userExists(long userId) {
        return !jdbc.queryForList("select 1 from users where id = ?", Integer.class, userId).isEmpty();
    }
}
