package dev.strangler.monolith.orders;

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
 * The {@code idempotency_keys} table (ADR 0030). Every call must run inside the transaction that places the order, so
 * that the key and its order are committed, or rolled back, together.
 */
@Component
class IdempotencyKeys {

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this transaction. If another transaction holds it uncommitted, PostgreSQL makes this insert wait
     * on the primary key until that one ends: after a commit the key is taken (false), after a rollback it is ours.
     */
    boolean claim(IdempotencyKey key, String requestHash, Instant now) {
        return jdbc.update("""
                insert into idempotency_keys (idempotency_key, request_hash, created_at) values (?, ?, ?)
                on conflict (idempotency_key) do nothing""", key.value(), requestHash, Timestamp.from(now)) == 1;
    }

    /** Names the order the claimed key placed; a committed key always has one. */
    void attach(IdempotencyKey key, long orderId) {
        jdbc.update("update idempotency_keys set order_id = ? where idempotency_key = ?", orderId, key.value());
    }

    /**
     * The committed use of a key. Under READ COMMITTED this new statement sees the row whose commit {@link #claim} waited
     * for.
     */
    Optional<Used> find(IdempotencyKey key) {
        return jdbc.query("select request_hash, order_id from idempotency_keys where idempotency_key = ?",
                (rs, n) -> new Used(rs.getString(1), rs.getLong(2)), key.value()).stream().findFirst();
    }

    /**
     * A digest of what the request asks for, not of its bytes: the same order written with other spacing, field order or
     * line order is the same request.
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

    /** What a key was first used for. */
    record Used(String requestHash, long orderId) {
    }
}
