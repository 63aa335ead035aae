package dev.strangler.users.accounts;

import dev.strangler.messaging.outbox.EventOutbox;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Writes the user events of ADR 0012 to the outbox, inside the transaction of the change that causes them.
 */
@Component
public class UserEvents {

    public static final String CREATED = "user.created";
    public static final String UPDATED = "user.updated";

    private final EventOutbox outbox;
    private final UserRepository users;

    UserEvents(EventOutbox outbox, UserRepository users) {
        this.outbox = outbox;
        this.users = users;
    }

    void created(User user) {
        publish(CREATED, UserChanged.of(user));
    }

    void updated(User user) {
        publish(UPDATED, UserChanged.of(user));
    }

    /**
     * Publishes these users' current state again, for the gateway's reconciliation: as {@code user.updated}, because
     * it reports a state rather than a registration. Runs in the caller's transaction; unknown ids are skipped.
     *
     * @return how many users were published
     */
    public int republish(List<Long> ids) {
        List<User> found = users.findAllById(ids);
        found.forEach(this::updated);
        return found.size();
    }

    private void publish(String type, UserChanged user) {
        String id = Long.toString(user.id());
        outbox.append(type, id, type, id, user);
    }
}
