package dev.strangler.messaging.outbox;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every statement on {@code event_outbox}, in one place so that the SQL the relay's guarantees rest on can be read
 * together.
 */
final class OutboxTable {

    static final String COLUMNS =
            "id, event_id, topic, message_key, event_type, subject, payload, created_at, attempts, next_attempt_at, "
                    + "last_error, sent_at";

    /** The optional column of extra headers, added by its own migration so that existing tables keep working. */
    static final String HEADERS_DDL = "dev/strangler/messaging/outbox/event_outbox_headers.postgresql.sql";

    private static final JsonMapper HEADERS_JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS_TYPE = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private volatile @Nullable Boolean headersColumn;

    OutboxTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row waiting to be relayed, with the extra headers it carries (none for most events). */
    record Pending(long id, UUID eventId, String topic, String key, String type, String subject, String payload,
                   Instant createdAt, int attempts, Map<String, String> headers) {

        Pending(long id, UUID eventId, String topic, String key, String type, String subject, String payload,
                Instant createdAt, int attempts) {
            this(id, eventId, topic, key, type, subject, payload, createdAt, attempts, Map.of());
        }
    }

    /** How far behind the relay is. */
    record Backlog(long depth, Duration oldestAge) {
    }

    void insert(UUID eventId, String topic, String key, String type, String subject, String payload) {
        jdbc.sql("""
                        insert into event_outbox (event_id, topic, message_key, event_type, subject, payload)
                        values (?, ?, ?, ?, ?, ?::json)""")
                .params(eventId, topic, key, type, subject, payload)
                .update();
    }

    /** Inserts a row with extra headers; refused, before anything is written, where the table has no such column. */
    void insert(UUID eventId, String topic, String key, String type, String subject, String payload,
                Map<String, String> headers) {
        if (headers.isEmpty()) {
            insert(eventId, topic, key, type, subject, payload);
            return;
        }
        if (!storesHeaders()) {
            throw new IllegalStateException("The event_outbox table has no headers column, so the headers " + headers
                    + " of this " + type + " event cannot be kept: copy messaging-support's " + HEADERS_DDL
                    + " into this service's Flyway migrations");
        }
        jdbc.sql("""
                        insert into event_outbox (event_id, topic, message_key, event_type, subject, payload, headers)
                        values (?, ?, ?, ?, ?, ?::json, ?::json)""")
                .params(eventId, topic, key, type, subject, payload, HEADERS_JSON.writeValueAsString(headers))
                .update();
    }

    /**
     * Whether the table has the optional {@code headers} column; asked once. A service that copied only the original
     * DDL keeps relaying as before.
     */
    boolean storesHeaders() {
        Boolean known = headersColumn;
        if (known == null) {
            known = jdbc.sql("""
                            select exists (select 1 from information_schema.columns
                                           where table_schema = current_schema() and table_name = 'event_outbox'
                                             and column_name = 'headers')""")
                    .query(Boolean.class)
                    .single();
            headersColumn = known;
        }
        return known;
    }

    /**
     * Locks the oldest unsent row of up to {@code limit} keys, skipping rows another relay holds. A row is taken only
     * when no older row of its key is unsent, so a key's rows go out one at a time, in id order, whichever instance
     * relays them; a row in back-off still holds back the younger rows of its key. Call inside a transaction.
     */
    List<Pending> claimHeads(int limit) {
        String headers = storesHeaders() ? "o.headers::text" : "null";
        return jdbc.sql("""
                        select o.id, o.event_id, o.topic, o.message_key, o.event_type, o.subject, o.payload,
                               o.created_at, o.attempts, %s as headers
                        from event_outbox o
                        where o.sent_at is null
                          and o.next_attempt_at <= now()
                          and not exists (select 1 from event_outbox older
                                          where older.message_key = o.message_key
                                            and older.sent_at is null
                                            and older.id < o.id)
                        order by o.id
                        limit ?
                        for update of o skip locked""".formatted(headers))
                .param(limit)
                .query((rs, n) -> new Pending(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                        rs.getString("topic"), rs.getString("message_key"), rs.getString("event_type"),
                        rs.getString("subject"), rs.getString("payload"),
                        rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts"),
                        headers(rs.getString("headers"))))
                .list();
    }

    void markSent(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update event_outbox set sent_at = now(), last_error = null where id = any(?)")
                .param(ids.toArray(Long[]::new))
                .update();
    }

    void markFailed(long id, Duration backOff, String error) {
        jdbc.sql("""
                        update event_outbox
                        set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ?::double precision), last_error = ?
                        where id = ?""")
                .params(backOff.toMillis() / 1000.0, truncate(error, 1000), id)
                .update();
    }

    Backlog backlog() {
        return jdbc.sql("""
                        select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
                        from event_outbox where sent_at is null""")
                .query((rs, n) -> new Backlog(rs.getLong(1), Duration.ofMillis(Math.round(rs.getDouble(2) * 1000))))
                .single();
    }

    /** Deletes up to {@code limit} rows relayed longer than {@code retention} ago; returns how many. */
    int purgeSent(Duration retention, int limit) {
        return jdbc.sql("""
                        delete from event_outbox where id in (
                            select id from event_outbox
                            where sent_at is not null and sent_at < now() - make_interval(secs => ?::double precision)
                            limit ?)""")
                .params(retention.toSeconds(), limit)
                .update();
    }

    /** Fails unless the table exists with every column the relay uses. */
    void checkSchema() {
        jdbc.sql("select " + COLUMNS + " from event_outbox where false").query().listOfRows();
    }

    private static Map<String, String> headers(@Nullable String json) {
        return json == null ? Map.of() : HEADERS_JSON.readValue(json, HEADERS_TYPE);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
