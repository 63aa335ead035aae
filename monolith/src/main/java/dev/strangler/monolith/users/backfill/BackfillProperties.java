package dev.strangler.monolith.users.backfill;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The users backfill, under {@code strangler.backfill}.
 *
 * @param batchSize users read and appended to the outbox per transaction
 */
@ConfigurationProperties("strangler.backfill")
public record BackfillProperties(@DefaultValue("1000") int batchSize) {
}
