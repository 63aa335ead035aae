package dev.strangler.orders.placing;

import dev.strangler.orders.catalog.StockClient;
import dev.strangler.orders.catalog.StockUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Optional;

/**
 * The sweeper: an attempt older than {@code strangler.orders.attempts.abandoned-after} was left by a request that got
 * no answer from the monolith, or by a crash between tx1 and tx2. Its reservation is cancelled ({@code DELETE}, which
 * also makes sure a PUT still on its way can never take stock), then the attempt and its key are deleted, all while the
 * attempt's row is locked: a slow placement's tx2 waits for the verdict and then finds its attempt gone (503).
 */
@Component
class AbandonedAttempts {

    private static final Logger log = LoggerFactory.getLogger(AbandonedAttempts.class);
    /** Bounded, so that one sweep of a long outage's backlog does not hold the scheduler for long. */
    private static final int MAX_PER_SWEEP = 100;

    private final OrderAttempts attempts;
    private final IdempotencyKeys keys;
    private final StockClient stock;
    private final PlacingMetrics metrics;
    private final PlacingProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AbandonedAttempts(OrderAttempts attempts, IdempotencyKeys keys, StockClient stock, PlacingMetrics metrics,
                      PlacingProperties properties, PlatformTransactionManager transactions, Clock clock) {
        this.attempts = attempts;
        this.keys = keys;
        this.stock = stock;
        this.metrics = metrics;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Compensates the abandoned attempts; returns how many. Stops at the first failure: the next sweep retries. */
    int sweep() {
        int compensated = 0;
        while (compensated < MAX_PER_SWEEP) {
            Optional<Long> done;
            try {
                done = transactions.execute(tx -> compensateOldest());
            }
            catch (StockUnavailableException ex) {
                log.warn("Abandoned order attempts wait for the next sweep: {}", ex.getMessage());
                break;
            }
            if (done == null || done.isEmpty()) {
                break;
            }
            compensated++;
        }
        return compensated;
    }

    private Optional<Long> compensateOldest() {
        Optional<Long> oldest = attempts.lockOldestStartedBefore(clock.instant().minus(properties.abandonedAfter()));
        oldest.ifPresent(orderId -> {
            if (!stock.cancel(orderId)) {
                // CONFIRMED: the monolith applied an order.created with this id, so the order exists and its stock
                // stays. tx2 deletes the attempt with the order, so this should never be seen; the key stays too.
                log.error("Order attempt {} abandoned, but the monolith holds its order: the stock stays", orderId);
                attempts.delete(orderId);
                return;
            }
            attempts.delete(orderId);
            keys.release(orderId);
            metrics.compensated();
            log.info("Order attempt {} abandoned: its stock reservation is cancelled", orderId);
        });
        return oldest;
    }

    /** Runs the sweeper on a schedule; off in tests that sweep by hand. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableConfigurationProperties(PlacingProperties.class)
    static class Schedule {

        @Component
        @ConditionalOnProperty(name = "strangler.orders.attempts.sweeper-enabled", matchIfMissing = true)
        static class Sweeps {

            private final AbandonedAttempts sweeper;

            Sweeps(AbandonedAttempts sweeper) {
                this.sweeper = sweeper;
            }

            @Scheduled(fixedDelayString = "${strangler.orders.attempts.sweep-period:2s}",
                    initialDelayString = "${strangler.orders.attempts.sweep-period:2s}")
            void sweep() {
                try {
                    sweeper.sweep();
                }
                catch (RuntimeException ex) {
                    log.error("Sweeping abandoned order attempts failed", ex);
                }
            }
        }
    }
}
