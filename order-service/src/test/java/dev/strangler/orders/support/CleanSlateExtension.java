package dev.strangler.orders.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Empties the tables (the outbox included) before each test and puts the order id sequence (owned by orders.id, so
 * restarted with it) back at its start, so each test sees only what it made.
 */
class CleanSlateExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        var jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcTemplate.class);
        jdbc.execute("truncate orders, order_lines, users, event_outbox, order_attempts, idempotency_keys restart identity");
    }
}
