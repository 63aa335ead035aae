package dev.strangler.orders.placing;

import dev.strangler.orders.catalog.ReservationAnswer;
import dev.strangler.orders.catalog.StockClient;
import dev.strangler.orders.catalog.StockLine;
import dev.strangler.orders.catalog.StockReservation;
import dev.strangler.orders.catalog.StockUnavailableException;
import dev.strangler.orders.ordering.OrderResponse;
import dev.strangler.orders.ordering.Orders;
import dev.strangler.orders.placing.PlacingMetrics.Outcome;
import dev.strangler.orders.users.UserReplica;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Places an order whose stock the monolith still holds (ADR 0038): tx1 commits an attempt (and the key) under a newly
 * allocated order id, the monolith reserves the stock under that id, and tx2 replaces the attempt with the order and
 * its {@code order.created}. A refusal removes the attempt and the key; an unknown outcome leaves the attempt to
 * {@link AbandonedAttempts}, which cancels the reservation. No transaction is open during the remote call.
 */
@Service
class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

    private final Orders orders;
    private final UserReplica users;
    private final OrderAttempts attempts;
    private final IdempotencyKeys keys;
    private final StockClient stock;
    private final PlacingMetrics metrics;
    private final PlacingProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OrderPlacement(Orders orders, UserReplica users, OrderAttempts attempts, IdempotencyKeys keys, StockClient stock,
                   PlacingMetrics metrics, PlacingProperties properties, PlatformTransactionManager transactions,
                   Clock clock) {
        this.orders = orders;
        this.users = users;
        this.attempts = attempts;
        this.keys = keys;
        this.stock = stock;
        this.metrics = metrics;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Places the order, or answers the order an earlier request with the same key placed.
     *
     * @throws OrderRefusedException a 4xx; nothing is left behind
     * @throws OrderPlacingUnavailableException a 503; an attempt may be left for the sweeper
     */
    OrderResponse place(PlaceOrderRequest request, @Nullable IdempotencyKey key) {
        try {
            Placed placed = placeOnce(request, key);
            metrics.ended(placed.replayed() ? Outcome.REPLAYED : Outcome.PLACED);
            return placed.order();
        }
        catch (OrderRefusedException ex) {
            metrics.ended(Outcome.REFUSED);
            throw ex;
        }
        catch (OrderPlacingUnavailableException ex) {
            metrics.ended(Outcome.UNAVAILABLE);
            throw ex;
        }
    }

    private Placed placeOnce(PlaceOrderRequest request, @Nullable IdempotencyKey key) {
        rejectRepeatedProducts(request.lines());
        String hash = key == null ? "" : IdempotencyKeys.hash(request);
        Instant giveUp = clock.instant().plus(properties.inFlightWait());
        while (true) {
            Claim claim = transactions.execute(tx -> claim(request, key, hash));
            if (claim instanceof Claim.Attempt(long orderId, Instant createdAt)) {
                return new Placed(reserveAndPlace(request, orderId, createdAt), false);
            }
            if (!(claim instanceof Claim.Taken taken)) {
                continue;
            }
            if (!taken.used().requestHash().equals(hash)) {
                throw OrderRefusedException.idempotencyKeyReused();
            }
            if (taken.used().placed()) {
                long orderId = taken.used().orderId();
                return new Placed(orders.find(orderId).orElseThrow(
                        () -> new IllegalStateException("Order " + orderId + " of an idempotency key is gone")), true);
            }
            // The first request with this key is between tx1 and tx2: its answer is ours, once it has one. If it is
            // refused or swept, the key is released and the next round claims it for this request.
            if (clock.instant().isAfter(giveUp)) {
                throw new OrderPlacingUnavailableException("An earlier request with this Idempotency-Key is still "
                        + "being placed. Try again shortly with the same key to get its answer.");
            }
            pause();
        }
    }

    /** tx1: the key (if any), the user check and the attempt, committed before the monolith is asked anything. */
    private Claim claim(PlaceOrderRequest request, @Nullable IdempotencyKey key, String hash) {
        long orderId = orders.allocateId();
        // Microseconds, what PostgreSQL keeps: the answer, the event and later reads then agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (key != null && !keys.claim(key, hash, orderId, now)) {
            // The id is not used; a gap in the sequence is harmless.
            // Empty when it was released between the two statements: then the next round claims it.
            return keys.find(key).<Claim>map(Claim.Taken::new).orElseGet(Claim.Released::new);
        }
        if (!users.exists(request.userId())) {
            throw OrderRefusedException.unknownUser(request.userId());
        }
        attempts.insert(orderId, request.userId(), linesJson(request), key, now);
        return new Claim.Attempt(orderId, now);
    }

    private OrderResponse reserveAndPlace(PlaceOrderRequest request, long orderId, Instant createdAt) {
        List<StockLine> lines = request.lines().stream()
                .sorted(Comparator.comparing(PlaceOrderRequest.Line::productId))
                .map(line -> new StockLine(line.productId(), line.quantity()))
                .toList();
        ReservationAnswer answer;
        try {
            answer = stock.reserve(orderId, lines);
        }
        catch (StockUnavailableException ex) {
            log.warn("Order {} left to the sweeper: {}", orderId, ex.getMessage());
            throw new OrderPlacingUnavailableException("Stock for this order could not be reserved now, so no order "
                    + "was placed. Try again shortly.", ex);
        }
        return switch (answer) {
            case ReservationAnswer.Reserved(StockReservation reservation) -> placeReserved(request, orderId, createdAt,
                    reservation);
            case ReservationAnswer.Refused refused -> {
                transactions.executeWithoutResult(tx -> {
                    attempts.delete(orderId);
                    keys.release(orderId);
                });
                throw OrderRefusedException.byStock(refused.status(), refused.title(), refused.detail());
            }
            case ReservationAnswer.Cancelled cancelled -> throw swept(orderId);
        };
    }

    /** tx2: the attempt becomes the order, unless the sweeper took it (and cancelled its reservation) first. */
    private OrderResponse placeReserved(PlaceOrderRequest request, long orderId, Instant createdAt,
                                      StockReservation reservation) {
        List<OrderResponse.Line> lines = reservation.lines().stream()
                .sorted(Comparator.comparingLong(StockReservation.Line::productId))
                .map(line -> OrderResponse.Line.of(line.productId(), line.sku(), line.name(), line.quantity(),
                        money(line.unitPrice())))
                .toList();
        OrderResponse placed = transactions.execute(tx -> {
            if (!attempts.delete(orderId)) {
                return null;
            }
            OrderResponse order = orders.save(orderId, request.userId(), lines, createdAt);
            keys.placed(orderId);
            return order;
        });
        if (placed == null) {
            throw swept(orderId);
        }
        return placed;
    }

    private static OrderPlacingUnavailableException swept(long orderId) {
        log.warn("Order {} took longer than the sweeper waits; its reservation is cancelled", orderId);
        return new OrderPlacingUnavailableException("Placing this order took too long, so it was cancelled and no "
                + "order was placed. Try again.");
    }

    /**
     * Waits between two reads of a key in flight. A sleep, not a notification: the first request may run on another
     * instance, so only the database can say when it ended; the poll is short and bounded by the in-flight wait.
     */
    private void pause() {
        try {
            Thread.sleep(properties.inFlightPoll());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new OrderPlacingUnavailableException("Interrupted while waiting for an earlier request with this "
                    + "Idempotency-Key", ex);
        }
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String linesJson(PlaceOrderRequest request) {
        return request.lines().stream()
                .map(line -> "{\"productId\":" + line.productId() + ",\"quantity\":" + line.quantity() + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static void rejectRepeatedProducts(List<PlaceOrderRequest.Line> lines) {
        var seen = new HashSet<Long>();
        for (var line : lines) {
            if (!seen.add(line.productId())) {
                throw OrderRefusedException.repeatedProduct(line.productId());
            }
        }
    }

    /** What tx1 got: the attempt under a new order id, or the key's earlier use. */
    private sealed interface Claim {

        record Attempt(long orderId, Instant createdAt) implements Claim {
        }

        record Taken(IdempotencyKeys.Used used) implements Claim {
        }

        record Released() implements Claim {
        }
    }

    private record Placed(OrderResponse order, boolean replayed) {
    }
}
