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

    /** Records an e-mail notification-service sent. */
    @Transactional(propagation = Propagation.MANDATORY)
    void recordSent(String eventId, Email email, String messageId) {
        insert(eventId, email.kind(), email.to(), email.subject(), Status.SENT, messageId, null);
    }

    /**
     * Records an e-mail another service sent (the event carried {@code strangler-notified-by}), with who that was:
     * the header's value.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void recordSentByOthers(String eventId, Email.Kind kind, String recipient, String subject, String messageId,
                            String notifiedBy) {
        insert(eventId, kind, recipient, subject, Status.SENT_BY_MONOLITH, messageId, notifiedBy);
    }

    /**
     * What a record names as its recipient when the replica did not know the user (an e-mail another service sent
     * needs no address): not an address anyone reads, but one the schema and the history API accept ({@code .invalid}
     * can never be delivered, RFC 2606), that says whose it is, until {@link #addressRecordsOf} replaces it.
     */
    static String unknownRecipient(long userId) {
        return "user-" + userId + "@recipient-unknown.invalid";
    }

    /**
     * Serialises, per user, the user's events with the records of marked orders that look the user up. Without it, an
     * order that found no user and a {@code user.created} arriving at the same moment (two consumers, two
     * transactions) could each miss the other's uncommitted row, and the placeholder would stay. Whoever comes second
     * waits for the first to commit, then sees its row. Taken on the user's id: nothing else in this database uses
     * advisory locks.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockRecordsOf(long userId) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(userId).query().listOfRows();
    }

    /**
     * Gives the records made while the user was unknown the address the replica now has, so that they show in the
     * user's history; called with every user event, under {@link #lockRecordsOf}, after the replica has applied it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int addressRecordsOf(long userId) {
        return jdbc.sql("""
                        update notifications n set recipient = r.email
                        from recipients r where r.id = ? and n.recipient = ?""")
                .params(userId, unknownRecipient(userId))
                .update();
    }

    private void insert(String eventId, Email.Kind kind, String recipient, String subject, Status status,
                        String messageId, String notifiedBy) {
        jdbc.sql("""
                        insert into notifications
                            (event_id, kind, recipient, subject, status, message_id, notified_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(eventId, kind.name(), recipient, subject, status.name(), messageId, notifiedBy,
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** Who sent an e-mail that notification-service recorded. */
    enum Status {
        /** notification-service sent it. */
        SENT,
        /**
         * Another service sent it (the event carried {@code strangler-notified-by}): only recorded here. The name is
         * from when only the monolith marked its events; dashboards, the history API and the system tests know it, so
         * it stays, and the header's value (e.g. {@code monolith}, {@code order-service}) is stored beside it in
         * {@code notified_by}.
         */
        SENT_BY_MONOLITH
    }
}
