package dev.strangler.monolith.catalog.stock;

import dev.strangler.monolith.catalog.stock.ReservationResponse.ReservedLine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stock reservations for orders order-service places (docs/adr/0031-stock-reservations-and-the-order-saga.md): the
 * reservation id is the order id and the idempotency key, so a reservation takes stock at most once however often it
 * is repeated, and a cancellation gives it back at most once. Locks are always taken in the same order - the
 * reservation row first, then products by ascending id, as the monolith's own checkout takes them - so no two of these
 * transactions, nor a checkout, can deadlock.
 */
@Service
public class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);
    private static final TypeReference<List<ReservedLine>> LINES = new TypeReference<>() {
    };

    /** How a call ended, the {@code outcome} tag of {@code shop_stock_reservations_total}. */
    enum Outcome {
        /** Stock taken. */
        RESERVED,
        /** A repeated PUT answered from the reservation made before; nothing taken. */
        REPEATED,
        /** Refused: not enough stock, or an unknown product. */
        REFUSED,
        /** A PUT with an id cancelled before (a late or retried reservation after compensation): refused. */
        LATE,
        /** A PUT with an id reserved before with other lines: refused. */
        CONFLICT,
        /** Stock given back. */
        CANCELLED,
        /** A DELETE came before any PUT: a tombstone now keeps the id from ever taking stock. */
        TOMBSTONED,
        /** A DELETE of an id cancelled before: nothing to do. */
        CANCEL_REPEATED,
        /** A DELETE of a confirmed reservation: refused, its stock is sold. */
        CANCEL_REFUSED,
        /** The order of the reservation reached the monolith. */
        CONFIRMED
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    StockReservations(JdbcTemplate jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        // Every series exists from the start at 0, so that a dashboard shows "none" rather than "no data".
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("shop.stock.reservations")
                    .description("Stock reservation calls of order-service by how they ended")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    /**
     * Takes the stock of every line, or none of it, and keeps the priced lines under the reservation id. The row is
     * inserted first: a concurrent call with the same id waits on its primary key until this transaction ends, then
     * finds the reservation (and answers it) or, if this one was refused and rolled back, tries for itself.
     */
    @Transactional
    ReservationResponse reserve(long reservationId, ReservationRequest request) {
        List<ReservationRequest.Line> lines = inProductOrder(request.lines());
        Timestamp now = Timestamp.from(clock.instant());
        int inserted = jdbc.update("""
                insert into stock_reservations (reservation_id, status, lines, total, created_at, updated_at)
                values (?, 'RESERVED', '[]', 0, ?, ?)
                on conflict (reservation_id) do nothing""", reservationId, now, now);
        if (inserted == 0) {
            return repeat(reservationId, lines);
        }
        var reserved = new ArrayList<ReservedLine>(lines.size());
        for (var line : lines) {
            reserved.add(take(line));
        }
        BigDecimal total = reserved.stream().map(ReservedLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        jdbc.update("update stock_reservations set lines = ?, total = ? where reservation_id = ?",
                json.writeValueAsString(reserved), total, reservationId);
        count(Outcome.RESERVED);
        return new ReservationResponse(reservationId, ReservationStatus.RESERVED, List.copyOf(reserved), total);
    }

    /**
     * Compensation: gives a reservation's stock back once and marks it cancelled; for an id never reserved, leaves a
     * cancelled tombstone so that a PUT arriving later can never take stock.
     *
     * @throws ReservationRefusedException if the reservation is confirmed: its order exists and its stock is sold
     */
    @Transactional
    void cancel(long reservationId) {
        Timestamp now = Timestamp.from(clock.instant());
        // Waits, like a PUT, for a reservation of this id still in flight: it is then cancelled (or tombstoned) after it.
        int inserted = jdbc.update("""
                insert into stock_reservations (reservation_id, status, lines, total, created_at, updated_at)
                values (?, 'CANCELLED', '[]', 0, ?, ?)
                on conflict (reservation_id) do nothing""", reservationId, now, now);
        if (inserted == 1) {
            log.info("Reservation {} cancelled before it was made: tombstone kept", reservationId);
            count(Outcome.TOMBSTONED);
            return;
        }
        // For update: a concurrent cancellation or confirmation waits, then sees what this one left.
        Stored stored = jdbc.queryForObject("""
                select reservation_id, status, lines, total from stock_reservations
                where reservation_id = ? for update""", this::stored, reservationId);
        switch (stored.status()) {
            case CANCELLED -> count(Outcome.CANCEL_REPEATED);
            case CONFIRMED -> {
                count(Outcome.CANCEL_REFUSED);
                throw ReservationRefusedException.confirmed(reservationId);
            }
            case RESERVED -> {
                // The stored lines are in product-id order: the same lock order as taking.
                for (ReservedLine line : stored.lines()) {
                    jdbc.update("update products set stock = stock + ? where id = ?", line.quantity(), line.productId());
                }
                jdbc.update("""
                        update stock_reservations set status = 'CANCELLED', updated_at = ?
                        where reservation_id = ?""", now, reservationId);
                count(Outcome.CANCELLED);
            }
        }
    }

    /**
     * Marks a reservation confirmed because its order reached the monolith (order-service's {@code order.created}); call
     * it in the transaction that records the order. Its stock can then never be given back. Repeating it is harmless.
     *
     * @return true if the reservation is confirmed now; false if there is none (an order that reserved nothing here,
     *         such as a monolith order or a backfilled one) or if it was cancelled, which the saga never allows and is
     *         logged as an error
     */
    @Transactional
    public boolean confirm(long reservationId) {
        int updated = jdbc.update("""
                update stock_reservations set status = 'CONFIRMED', updated_at = ?
                where reservation_id = ? and status = 'RESERVED'""", Timestamp.from(clock.instant()), reservationId);
        if (updated == 1) {
            count(Outcome.CONFIRMED);
            return true;
        }
        Optional<ReservationStatus> status = jdbc.query(
                "select status from stock_reservations where reservation_id = ?",
                (rs, n) -> ReservationStatus.valueOf(rs.getString(1)), reservationId).stream().findFirst();
        if (status.isPresent() && status.get() == ReservationStatus.CANCELLED) {
            log.error("Order {} arrived but its stock reservation was cancelled: its stock was given back", reservationId);
        }
        return status.isPresent() && status.get() == ReservationStatus.CONFIRMED;
    }

    /** The reservation as it stands now. */
    @Transactional(readOnly = true)
    ReservationResponse get(long reservationId) {
        return find(reservationId).map(Stored::response)
                .orElseThrow(() -> new ReservationNotFoundException(reservationId));
    }

    private ReservationResponse repeat(long reservationId, List<ReservationRequest.Line> lines) {
        Stored stored = find(reservationId).orElseThrow(
                () -> new IllegalStateException("Reservation " + reservationId + " conflicted but is not there"));
        if (stored.status() == ReservationStatus.CANCELLED) {
            log.info("Refusing a reservation cancelled before: {}", reservationId);
            count(Outcome.LATE);
            throw ReservationRefusedException.cancelled(reservationId);
        }
        List<List<Long>> asked = lines.stream().map(line -> List.of(line.productId(), (long) line.quantity())).toList();
        List<List<Long>> held = stored.lines().stream()
                .map(line -> List.of(line.productId(), (long) line.quantity())).toList();
        if (!asked.equals(held)) {
            count(Outcome.CONFLICT);
            throw ReservationRefusedException.conflict(reservationId);
        }
        count(Outcome.REPEATED);
        return stored.response();
    }

    /** Takes one line's stock in one statement that can never make it negative, and prices the line as it stands. */
    private ReservedLine take(ReservationRequest.Line line) {
        long productId = line.productId();
        int quantity = line.quantity();
        List<ReservedLine> taken = jdbc.query("""
                update products set stock = stock - ? where id = ? and stock >= ?
                returning sku, name, price""",
                (rs, n) -> new ReservedLine(productId, rs.getString("sku"), rs.getString("name"), quantity,
                        rs.getBigDecimal("price"), rs.getBigDecimal("price").multiply(BigDecimal.valueOf(quantity))),
                quantity, productId, quantity);
        if (!taken.isEmpty()) {
            return taken.getFirst();
        }
        String sku = jdbc.query("select sku from products where id = ?", (rs, n) -> rs.getString(1), productId)
                .stream().findFirst().orElse(null);
        count(Outcome.REFUSED);
        throw sku == null ? ReservationRefusedException.unknownProduct(productId)
                : ReservationRefusedException.insufficientStock(productId, sku);
    }

    private Optional<Stored> find(long reservationId) {
        return jdbc.query("""
                select reservation_id, status, lines, total from stock_reservations where reservation_id = ?""",
                this::stored, reservationId).stream().findFirst();
    }

    private Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getLong("reservation_id"), ReservationStatus.valueOf(rs.getString("status")),
                json.readValue(rs.getString("lines"), LINES), rs.getBigDecimal("total"));
    }

    private static List<ReservationRequest.Line> inProductOrder(List<ReservationRequest.Line> lines) {
        var seen = new HashSet<Long>();
        for (var line : lines) {
            if (!seen.add(line.productId())) {
                throw ReservationRefusedException.repeatedProduct(line.productId());
            }
        }
        return lines.stream().sorted(Comparator.comparing(ReservationRequest.Line::productId)).toList();
    }

    private void count(Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    private record Stored(long reservationId, ReservationStatus status, List<ReservedLine> lines, BigDecimal total) {

        ReservationResponse response() {
            return new ReservationResponse(reservationId, status, lines, total);
        }
    }
}
