package dev.strangler.users;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxMigrationTests {

    @Test
    void userServicesOutboxMigrationIsMessagingSupportsTableUnchanged() throws IOException {
        String shipped = new ClassPathResource("dev/strangler/messaging/outbox/event_outbox.postgresql.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        String migration = new ClassPathResource("db/migration/V2__event_outbox.sql")
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(migration).isEqualTo(shipped);
    }
}
