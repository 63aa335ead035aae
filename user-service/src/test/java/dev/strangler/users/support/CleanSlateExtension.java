package dev.strangler.users.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Empties the tables (the outbox included) before each test and puts the id identity back at its start, so each test sees only what it made.
 */
class CleanSlateExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        var jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcTemplate.class);
        jdbc.execute("truncate users, event_outbox restart identity");
    }
}
