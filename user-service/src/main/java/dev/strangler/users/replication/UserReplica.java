package dev.strangler.users.replication;

import dev.strangler.users.accounts.UserChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Writes a user replicated from another owner (the monolith, while it owns user writes) straight into this service's
 * table, version included, and never through the outbox: applying someone else's change must not publish it again
 * (no ping-pong, ADR 0012).
 */
@Component
class UserReplica {

    private final JdbcClient jdbc;

    UserReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts an unknown user with the event's id (the identity is "by default" and an explicit id does not move it,
     * ADR 0013), or overwrites a known one when the event's version is newer, in one statement; returns false when the
     * row was already as new or newer.
     */
    boolean apply(UserChanged user) {
        return jdbc.sql("""
                        insert into users (id, email, name, created_at, updated_at, version)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (id) do update
                        set email = excluded.email, name = excluded.name, created_at = excluded.created_at,
                            updated_at = excluded.updated_at, version = excluded.version
                        where users.version < excluded.version""")
                .params(user.id(), user.email(), user.name(), Timestamp.from(user.createdAt()),
                        Timestamp.from(user.updatedAt()), user.version())
                .update() == 1;
    }
}
