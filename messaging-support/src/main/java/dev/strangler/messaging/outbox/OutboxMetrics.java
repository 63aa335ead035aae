package dev.strangler.messaging.outbox;

import dev.strangler.messaging.outbox.OutboxTable.Backlog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The outbox's backlog as gauges, {@code strangler_outbox_depth} (unsent events) and
 * {@code strangler_outbox_oldest_age_seconds} (how long the oldest has waited): the two numbers that say whether the
 * relay keeps up. Read from the table, so they hold whichever instance relays, and while the relay is held.
 */
final class OutboxMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);
    /** Both gauges are read in one scrape; one query serves them. */
    private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final OutboxTable table;
    private @Nullable Backlog cached;
    private long cachedAt;
    private boolean fresh;

    OutboxMetrics(OutboxTable table) {
        this.table = table;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("strangler.outbox.depth", this, metrics -> metrics.read(backlog -> backlog.depth()))
                .description("Events in the outbox not yet published")
                .register(registry);
        Gauge.builder("strangler.outbox.oldest.age", this,
                        metrics -> metrics.read(backlog -> backlog.oldestAge().toMillis() / 1000.0))
                .description("How long the oldest unpublished event has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    /** NaN while the database cannot be read: an unknown backlog must not look like an empty one. */
    private double read(ToDoubleFunction<Backlog> value) {
        Backlog backlog = backlog();
        return backlog == null ? Double.NaN : value.applyAsDouble(backlog);
    }

    private synchronized @Nullable Backlog backlog() {
        long now = System.nanoTime();
        if (!fresh || now - cachedAt > CACHE_NANOS) {
            try {
                cached = table.backlog();
                fresh = true;
            }
            catch (RuntimeException ex) {
                log.debug("Outbox backlog unknown: {}", ex.toString());
                cached = null;
                fresh = false;
            }
            cachedAt = now;
        }
        return cached;
    }
}
