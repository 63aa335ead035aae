package dev.strangler.monolith.orders;

import dev.strangler.monolith.mail.MailUnavailableException;
import dev.strangler.monolith.migration.MigrationStateFollower;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place the monolith places orders, for its storefront and its API alike (ADR 0034, ADR 0021's rule for
 * orders). While the monolith owns order writes they go to {@link Checkout}, exactly as before; once the migration
 * state says order-service owns them, they go to order-service's {@code POST /api/orders} — one attempt, behind the
 * circuit breaker {@code order-service}, the Idempotency-Key passed on — and the monolith's tables learn the order
 * later through replication. There is never a local write in that state, not even as a fallback: two writers would
 * take stock twice and fork the orders. Every write is counted by target and outcome.
 */
@Service
public class OrderWrites {

    static final String SERVICE = "order-service";

    private static final Logger log = LoggerFactory.getLogger(OrderWrites.class);

    /** Where a write went. */
    enum Target {
        LOCAL, SERVICE
    }

    /** How a write ended. */
    enum Outcome {
        OK, REFUSED, INVALID, UNAVAILABLE, FAILED
    }

    private final Checkout checkout;
    private final OrderServiceClient service;
    private final MigrationStateFollower migration;
    private final CircuitBreaker breaker;
    private final Map<Target, Map<Outcome, Counter>> writes = new EnumMap<>(Target.class);

    OrderWrites(Checkout checkout, OrderServiceClient service, MigrationStateFollower migration,
                CircuitBreakerRegistry breakers, MeterRegistry meters) {
        this.checkout = checkout;
        this.service = service;
        this.migration = migration;
        this.breaker = breakers.circuitBreaker(SERVICE);
        // Every series exists from the start at 0, so that a dashboard shows "none" rather than "no data".
        for (Target target : Target.values()) {
            var byOutcome = new EnumMap<Outcome, Counter>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("shop.order.writes")
                        .description("Orders placed through the monolith by where they were written and how they ended")
                        .tag("target", target.name().toLowerCase(Locale.ROOT))
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(meters));
            }
            writes.put(target, byOutcome);
        }
    }

    /** Whether order-service owns order writes now. */
    public boolean serviceOwnsWrites() {
        return migration.routing("orders").writesLeftTheMonolith();
    }

    /**
     * Places an order where order writes are owned now; with a key, at most once per key (ADR 0030), here or at
     * order-service.
     */
    public OrderResponse place(PlaceOrderRequest request, @Nullable String idempotencyKey) {
        // Checked here in both cases, so that a malformed key is the same 400 whoever owns the writes.
        IdempotencyKey key = idempotencyKey == null ? null : new IdempotencyKey(idempotencyKey);
        if (!serviceOwnsWrites()) {
            return local(request, key);
        }
        return remote(request, key);
    }

    private OrderResponse local(PlaceOrderRequest request, @Nullable IdempotencyKey key) {
        try {
            Order order = key == null ? checkout.place(request) : checkout.place(request, key);
            count(Target.LOCAL, Outcome.OK);
            return OrderResponse.of(order);
        }
        catch (OrderRefusedException ex) {
            count(Target.LOCAL, ex.status() == HttpStatus.BAD_REQUEST ? Outcome.INVALID : Outcome.REFUSED);
            throw ex;
        }
        catch (MailUnavailableException | OrderIdsExhaustedException ex) {
            count(Target.LOCAL, Outcome.UNAVAILABLE);
            throw ex;
        }
        catch (RuntimeException ex) {
            count(Target.LOCAL, Outcome.FAILED);
            throw ex;
        }
    }

    private OrderResponse remote(PlaceOrderRequest request, @Nullable IdempotencyKey key) {
        OrderServiceClient.WriteAnswer answer;
        try {
            answer = CircuitBreaker.decorateSupplier(breaker,
                    () -> service.place(request, key == null ? null : key.value())).get();
        }
        catch (RuntimeException ex) {
            count(Target.SERVICE, Outcome.UNAVAILABLE);
            log.warn("order-service owns order writes but failed an order of user {} ({}); nothing was written",
                    request.userId(), ex.toString());
            throw new OrderServiceUnavailableException("order-service cannot take orders now", ex);
        }
        HttpStatus status = HttpStatus.resolve(answer.status().value());
        if (answer.order() != null && status != null && status.is2xxSuccessful()) {
            count(Target.SERVICE, Outcome.OK);
            return answer.order();
        }
        if (status == HttpStatus.CONFLICT || status == HttpStatus.UNPROCESSABLE_CONTENT) {
            count(Target.SERVICE, Outcome.REFUSED);
            throw new OrderServiceRefusedException(answer.status(), answer.problem());
        }
        if (status == HttpStatus.BAD_REQUEST) {
            count(Target.SERVICE, Outcome.INVALID);
            throw new OrderServiceRefusedException(answer.status(), answer.problem());
        }
        count(Target.SERVICE, Outcome.FAILED);
        log.error("order-service answered an order of user {} with {} and {}; nothing was written here",
                request.userId(), answer.status(), answer.problem());
        throw new OrderServiceUnavailableException("order-service answered " + answer.status().value(), null);
    }

    private void count(Target target, Outcome outcome) {
        writes.get(target).get(outcome).increment();
    }
}
