package dev.strangler.orders.placing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code idempotency_keys} table: ADR 0030's semantics, with the key committed while its order is in flight.
 */
@Component
class IdempotencyKeys {

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for the order id; false when it is taken. A concurrent claim still uncommitted makes this insert
     * wait on the primary key, but only for the short tx1, never for a remote call.
     */
    boolean claim(IdempotencyKey key, String requestHash, long orderId, Instant now) {
        return jdbc.update("""
                insert into idempotency_keys (idempotency_key, request_hash, order_id, state, created_at)
                values (?, ?, ?, 'IN_FLIGHT', ?)
                on conflict (idempotency_key) do nothing""",
                key.value(), requestHash, orderId, Timestamp.from(now)) == 1;
    }

    /** The committed use of a key; empty once a refusal or the sweeper has released it. */
    Optional<Used> find(IdempotencyKey key) {
        return jdbc.query("select request_hash, order_id, state from idempotency_keys where idempotency_key = ?",
                (rs, n) -> new Used(rs.getString(1), rs.getLong(2), "PLACED".equals(rs.getString(3))),
                key.value()).stream().findFirst();
    }

    /** Marks the key's order placed, in tx2 with the order. */
    void placed(long orderId) {
        jdbc.update("update idempotency_keys set state = 'PLACED' where order_id = ?", orderId);
    }

    /** Releases the key of an order that was not placed, so that the client may use it again. */
    void release(long orderId) {
        jdbc.update("delete from idempotency_keys where order_id = ? and state = 'IN_FLIGHT'", orderId);
    }

    /**
     * A digest of what the request asks for, not of its bytes (the monolith's): the same order written with other
     * spacing, field order or line order is the same request.
     */
    static String hash(PlaceOrderRequest request) {
        String canonical = "user=" + request.userId() + ";lines=" + request.lines().stream()
                .sorted(Comparator.comparing(PlaceOrderRequest.Line::productId))
                .map(line -> line.productId() + "x" + line.quantity())
                .collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    /** What a key was first used for, and whether that order is placed yet. */
    record Used(String requestHash, long orderId, boolean placed) {
    }
}
