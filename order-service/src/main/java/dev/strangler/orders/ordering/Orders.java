package dev.strangler.orders.ordering;

import dev.strangler.orders.web.PageResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orders tables: orders placed here (saved with their {@code order.created} in one transaction), orders
 * replicated from the monolith (saved as they were, without an event), and the reads of the API. Plain SQL, because
 * an order is written once and never changes, and its id is allocated before the order exists.
 */
@Component
public class Orders {

    /** The first id this service hands out: above every id the monolith will ever use (ADR 0013). */
    public static final long FIRST_ID = 1_000_000_000L;

    private final JdbcClient jdbc;
    private final OrderEvents events;

    Orders(JdbcClient jdbc, OrderEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * A new order id from the service's sequence (from 1,000,000,000 on), allocated before the order is saved: it
     * names the stock reservation first. An id taken by an order that is never saved is simply skipped.
     */
    public long allocateId() {
        return jdbc.sql("select nextval('orders_id_seq')").query(Long.class).single();
    }

    /**
     * Saves an order placed here, with {@code id} from {@link #allocateId()}: status PLACED, version 0, the total
     * of its lines, and appends its {@code order.created} to the outbox, in the caller's transaction (or its own).
     *
     * @param lines the priced lines, in the order they are shown
     * @param createdAt kept at PostgreSQL's microsecond precision, so that the answer reads back the same
     * @return the order as the API answers it
     */
    @Transactional
    public OrderResponse save(long id, long userId, List<OrderResponse.Line> lines, Instant createdAt) {
        BigDecimal total = lines.stream().map(OrderResponse.Line::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        var order = new OrderResponse(id, userId, OrderStatus.PLACED, List.copyOf(lines), total,
                createdAt.truncatedTo(ChronoUnit.MICROS));
        insert(order, 0);
        // After the order's rows, whose lock keeps this order's events in commit order (ADR 0014).
        events.created(OrderCreated.of(order, 0));
        return order;
    }

    /**
     * Saves an order another owner (the monolith) placed, as its {@code order.created} says: its id, version, total,
     * creation time and lines. Never through the outbox: applying someone else's order must not publish it again.
     *
     * @return false when an order with this id is already here (a duplicate, a replay, a backfill), which is kept
     */
    @Transactional
    public boolean saveReplicated(OrderCreated order) {
        var response = new OrderResponse(order.id(), order.userId(), order.status(),
                order.lines().stream()
                        .map(line -> new OrderResponse.Line(line.productId(), line.sku(), line.name(),
                                line.quantity(), line.unitPrice(), line.lineTotal()))
                        .toList(),
                order.total(), order.createdAt());
        return insert(response, order.version());
    }

    private boolean insert(OrderResponse order, long version) {
        int inserted = jdbc.sql("""
                        insert into orders (id, user_id, status, total, created_at, version) values (?, ?, ?, ?, ?, ?)
                        on conflict (id) do nothing""")
                .params(order.id(), order.userId(), order.status().name(), order.total(),
                        Timestamp.from(order.createdAt()), version)
                .update();
        if (inserted == 0) {
            return false;
        }
        int lineNo = 0;
        for (OrderResponse.Line line : order.lines()) {
            jdbc.sql("""
                            insert into order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(order.id(), ++lineNo, line.productId(), line.sku(), line.name(), line.quantity(),
                            line.unitPrice())
                    .update();
        }
        return true;
    }

    @Transactional(readOnly = true)
    public Optional<OrderResponse> find(long id) {
        return withLines(jdbc.sql("select id, user_id, status, total, created_at from orders where id = ?")
                .params(id).query(Orders::order).list()).stream().findFirst();
    }

    /**
     * A page of the user's orders, newest (highest id) first, as the monolith lists them; empty when they have none.
     */
    @Transactional(readOnly = true)
    public PageResponse<OrderResponse> placedBy(long userId, int page, int size) {
        long total = jdbc.sql("select count(*) from orders where user_id = ?").params(userId).query(Long.class)
                .single();
        List<OrderResponse> content = total == 0 ? List.of() : withLines(jdbc.sql("""
                        select id, user_id, status, total, created_at from orders where user_id = ?
                        order by id desc limit ? offset ?""")
                .params(userId, size, (long) page * size).query(Orders::order).list());
        return PageResponse.of(content, page, size, total);
    }

    /**
     * Publishes {@code order.created} again for those of these orders that this service placed (ids from
     * {@link #FIRST_ID} on), for the gateway's reconciliation; the monolith's orders are the monolith's to republish.
     * A republished order was confirmed by e-mail when it was placed, so the event carries
     * {@code strangler-notified-by}, which tells notification-service not to send it again (ADR 0036). Runs in the
     * caller's transaction; unknown ids are skipped.
     *
     * @return how many orders were published
     */
    @Transactional
    public int republish(List<Long> ids) {
        Map<Long, Long> versions = new HashMap<>();
        List<OrderResponse> found = withLines(jdbc.sql("""
                        select id, user_id, status, total, created_at, version from orders
                        where id = any (?) and id >= ? order by id""")
                .params(ids.toArray(Long[]::new), FIRST_ID)
                .query((rs, n) -> {
                    versions.put(rs.getLong("id"), rs.getLong("version"));
                    return order(rs, n);
                })
                .list());
        found.forEach(order -> events.republished(OrderCreated.of(order, versions.get(order.id()))));
        return found.size();
    }

    private List<OrderResponse> withLines(List<OrderResponse> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<Long, List<OrderResponse.Line>> lines = new LinkedHashMap<>();
        orders.forEach(order -> lines.put(order.id(), new ArrayList<>()));
        jdbc.sql("""
                        select order_id, product_id, sku, name, quantity, unit_price from order_lines
                        where order_id = any (?) order by order_id, line_no""")
                .params((Object) lines.keySet().toArray(Long[]::new))
                .query(rs -> {
                    lines.get(rs.getLong("order_id")).add(OrderResponse.Line.of(rs.getLong("product_id"),
                            rs.getString("sku"), rs.getString("name"), rs.getInt("quantity"),
                            rs.getBigDecimal("unit_price")));
                });
        return orders.stream()
                .map(order -> new OrderResponse(order.id(), order.userId(), order.status(),
                        List.copyOf(lines.get(order.id())), order.total(), order.createdAt()))
                .toList();
    }

    private static OrderResponse order(ResultSet rs, int rowNum) throws SQLException {
        return new OrderResponse(rs.getLong("id"), rs.getLong("user_id"), OrderStatus.valueOf(rs.getString("status")),
                List.of(), rs.getBigDecimal("total"), rs.getTimestamp("created_at").toInstant());
    }
}
