package dev.strangler.orders.users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The users this service knows, copied from the user events of whoever owns users (the monolith or user-service):
 * who may place an order here and whose orders may be listed. It may lag the owner by a moment.
 */
@Component
public class UserReplica {

    private final JdbcClient jdbc;

    UserReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the user has reached this service (a user registered a moment ago may not have yet). */
    public boolean exists(long userId) {
        return jdbc.sql("select exists (select 1 from users where id = ?)").params(userId).query(Boolean.class)
                .single();
    }

    /**
     * Inserts an unknown user, or overwrites a known one when the event's version is newer, in one statement; returns
     * false when the row was already as new or newer.
     */
    boolean apply(UserChanged user) {
        return jdbc.sql("""
                        insert into users (id, email, name, version) values (?, ?, ?, ?)
                        on conflict (id) do update
                        set email = excluded.email, name = excluded.name, version = excluded.version
                        where users.version < excluded.version""")
                .params(user.id(), user.email(), user.name(), user.version())
                .update() == 1;
    }
}
