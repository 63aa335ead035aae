package dev.strangler.monolith.backfill;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every backfill (users, orders), under {@code strangler.backfill}.
 *
 * @param batchSize rows read and appended to the outbox per transaction
 */
@ConfigurationProperties("strangler.backfill")
public record BackfillProperties(@DefaultValue("1000") int batchSize) {
}
