package dev.strangler.notifications.recipients;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The replica of users that order confirmations are addressed from ({@code order.created} carries only the user's
 * id), kept by the version rule that user-service uses: duplicates, replays and {@code updated} before {@code created}
 * leave the newest version.
 */
@Component
public class Recipients {

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts or overwrites the user when the event's version is newer; false when the row was as new or newer. */
    public boolean apply(UserChanged user) {
        return jdbc.sql("""
                        insert into recipients (id, email, name, version) values (?, ?, ?, ?)
                        on conflict (id) do update
                        set email = excluded.email, name = excluded.name, version = excluded.version
                        where recipients.version < excluded.version""")
                .params(user.id(), user.email(), user.name(), user.version())
                .update() == 1;
    }

    public Optional<Recipient> find(long id) {
        return jdbc.sql("select id, email, name from recipients where id = ?")
                .param(id)
                .query(Recipient.class)
                .optional();
    }
}
