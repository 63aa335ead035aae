package dev.strangler.monolith.orders.replication;

import dev.strangler.monolith.orders.OrderCreated;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Writes an order placed by another owner (order-service) straight into the legacy tables, id, version, creation time,
 * total and priced lines as the event says, and nothing else: no stock is taken (the owner's reservation took it), no
 * event goes to the outbox (no ping-pong), no e-mail is sent (the owner's event is e-mailed by notification-service).
 * Every call must run inside the caller's transaction, so that the order and its lines are written together.
 */
@Component
class OrderReplica {

    /** What became of an event. */
    enum Result {
        APPLIED, ALREADY_THERE, USER_UNKNOWN
    }

    private final JdbcClient jdbc;

    OrderReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the order if its id is not there yet (the identity is "by default", ADR 0013, so the event's id is kept and
     * the monolith's own sequence is not moved). Orders are never changed after they are placed, so an order already
     * there is left as it is.
     */
    Result apply(OrderCreated order) {
        // Checked first rather than read from the foreign key's violation, which would abort the whole transaction;
        // users are never deleted, so a user seen here is still there at the insert (and the key still guards it).
        boolean userKnown = jdbc.sql("select exists (select 1 from users where id = ?)").param(order.userId())
                .query(Boolean.class).single();
        if (!userKnown) {
            return Result.USER_UNKNOWN;
        }
        int inserted = jdbc.sql("""
                        insert into orders (id, user_id, status, total, created_at, version)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (id) do nothing""")
                .params(order.id(), order.userId(), order.status().name(), order.total(),
                        Timestamp.from(order.createdAt()), order.version())
                .update();
        if (inserted == 0) {
            return Result.ALREADY_THERE;
        }
        int lineNo = 0;
        for (OrderCreated.Line line : order.lines()) {
            jdbc.sql("""
                            insert into order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(order.id(), ++lineNo, line.productId(), line.sku(), line.name(), line.quantity(),
                            line.unitPrice())
                    .update();
        }
        return Result.APPLIED;
    }
}
