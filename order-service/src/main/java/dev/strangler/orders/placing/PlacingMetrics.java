package dev.strangler.orders.placing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code strangler_orders_placed_total{outcome}}, {@code strangler_order_attempts_pending} (attempts between tx1 and
 * tx2, or waiting for the sweeper: a steady rise means the monolith's stock API is failing) and
 * {@code strangler_stock_reservations_compensated_total}.
 */
@Component
class PlacingMetrics {

    private static final Logger log = LoggerFactory.getLogger(PlacingMetrics.class);

    /** How a POST /api/orders ended. */
    enum Outcome {
        /** A new order. */
        PLACED,
        /** The answer of an earlier request with the same Idempotency-Key. */
        REPLAYED,
        /** Refused with a 4xx by the stock API, the users replica or the key; nothing left behind. */
        REFUSED,
        /** 503: the outcome was unknown; the attempt is left for the sweeper. */
        UNAVAILABLE
    }

    private final Map<Outcome, Counter> placed = new EnumMap<>(Outcome.class);
    private final Counter compensated;

    PlacingMetrics(MeterRegistry meters, OrderAttempts attempts) {
        for (Outcome outcome : Outcome.values()) {
            placed.put(outcome, Counter.builder("strangler.orders.placed")
                    .description("Order requests by how they ended")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
        compensated = Counter.builder("strangler.stock.reservations.compensated")
                .description("Abandoned order attempts whose stock reservation the sweeper cancelled")
                .register(meters);
        Gauge.builder("strangler.order.attempts.pending", attempts, PlacingMetrics::pending)
                .description("Order attempts not yet placed, refused or compensated")
                .register(meters);
    }

    private static double pending(OrderAttempts attempts) {
        try {
            return attempts.count();
        }
        catch (RuntimeException ex) {
            // A scrape must not fail because the database does; the gap in the series shows it.
            log.debug("Cannot count order attempts: {}", ex.toString());
            return Double.NaN;
        }
    }

    void ended(Outcome outcome) {
        placed.get(outcome).increment();
    }

    void compensated() {
        compensated.increment();
    }
}
