package dev.strangler.notifications.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * The processed event ids and the record of each e-mail, written in the transaction that sends it.
 */
@Component
class Inbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims an event: true for the first transaction to insert its id. A second one that tries while the first is
     * still open waits on the primary key's lock, and gets false once the first commits (true if it rolled back).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean claim(String eventId, String topic) {
        return jdbc.sql("""
                        insert into processed_events (event_id, topic, processed_at) values (?, ?, ?)
                        on conflict (event_id) do nothing""")
                .params(eventId, topic, Timestamp.from(clock.instant()))
                .update() == 1;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void record(String eventId, Email email, Status status, String messageId) {
        jdbc.sql("""
                        insert into notifications (event_id, kind, recipient, subject, status, message_id, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(eventId, email.kind().name(), email.to(), email.subject(), status.name(), messageId,
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** Who sent an e-mail that notification-service recorded. */
    enum Status {
        /** notification-service sent it. */
        SENT,
        /** The monolith sent it inline (the event carried {@code strangler-notified-by}); only recorded here. */
        SENT_BY_MONOLITH
    }
}
