package dev.strangler.monolith.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Empties every table (the outbox included) and the SMTP inbox before each test, so each test sees only what it made.
 */
class CleanSlateExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        var jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcTemplate.class);
        jdbc.execute("truncate stock_reservations, idempotency_keys, order_lines, orders, sent_emails, users, products, event_outbox restart identity cascade");
        RealInfrastructure.smtp().purgeEmailFromAllMailboxes();
    }
}
