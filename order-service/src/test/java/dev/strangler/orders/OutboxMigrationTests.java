package dev.strangler.orders;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox migrations are messaging-support's files, copied unchanged (ADR 0014, 0026). */
class OutboxMigrationTests {

    @Test
    void orderServicesOutboxMigrationIsMessagingSupportsTableUnchanged() throws IOException {
        assertThat(text("db/migration/V2__event_outbox.sql"))
                .isEqualTo(text("dev/strangler/messaging/outbox/event_outbox.postgresql.sql"));
    }

    @Test
    void orderServicesHeadersMigrationIsMessagingSupportsColumnUnchanged() throws IOException {
        assertThat(text("db/migration/V3__event_outbox_headers.sql"))
                .isEqualTo(text("dev/strangler/messaging/outbox/event_outbox_headers.postgresql.sql"));
    }

    private static String text(String resource) throws IOException {
        return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
    }
}
