package dev.strangler.messaging.outbox;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Where a service writes the events of a change: a row in {@code event_outbox}, in the same transaction as the change,
 * which the relay publishes after the commit. It never publishes itself, so a rolled-back change emits nothing and a
 * crash after the commit loses nothing.
 */
public class EventOutbox {

    private final OutboxTable table;
    private final JsonMapper json;
    private final TransactionSynchronization wakeRelay;

    EventOutbox(OutboxTable table, JsonMapper json, Runnable wakeRelay) {
        this.table = table;
        this.json = json;
        this.wakeRelay = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeRelay.run();
            }
        };
    }

    /**
     * Appends one event; it must run inside the caller's transaction. Append after writing the aggregate's row: that
     * row's lock is what keeps one key's events in commit order.
     *
     * @param topic the Kafka topic
     * @param key the record key (the aggregate id), which keeps one aggregate's events in order
     * @param type the {@code ce_type}
     * @param subject the {@code ce_subject}
     * @param payload the body, written as JSON
     * @return the event's {@code ce_id}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(String topic, String key, String type, String subject, Object payload) {
        return append(topic, key, type, subject, payload, Map.of());
    }

    /**
     * Appends one event that carries extra Kafka record headers next to its CloudEvents headers, for a fact that
     * belongs to this one event rather than to its body (which of two senders already e-mailed it, say). The headers
     * are stored with the row, so they are decided in the change's transaction like the body; the table needs the
     * column of {@code event_outbox_headers.postgresql.sql} for a non-empty map.
     *
     * @param headers header names to text values; names must not be CloudEvents headers, which the relay writes
     * @return the event's {@code ce_id}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(String topic, String key, String type, String subject, Object payload,
                       Map<String, String> headers) {
        headers.forEach(EventOutbox::checkHeader);
        UUID id = UUID.randomUUID();
        table.insert(id, topic, key, type, subject, json.writeValueAsString(payload), headers);
        // The relay polls anyway; waking it after the commit only saves the wait for the next poll.
        if (!TransactionSynchronizationManager.getSynchronizations().contains(wakeRelay)) {
            TransactionSynchronizationManager.registerSynchronization(wakeRelay);
        }
        return id;
    }

    private static void checkHeader(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.isBlank() || lower.startsWith("ce_") || lower.equals("content-type")) {
            throw new IllegalArgumentException("Extra header '" + name + "' is not allowed: the relay writes the "
                    + "CloudEvents headers itself");
        }
        if (value == null) {
            throw new IllegalArgumentException("Extra header '" + name + "' has no value");
        }
    }
}
