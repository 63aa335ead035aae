package dev.strangler.monolith.users;

import dev.strangler.messaging.outbox.EventOutbox;
import org.springframework.stereotype.Component;

/**
 * Writes the user events of ADR 0012 to the outbox, inside the transaction of the change that causes them.
 */
@Component
public class UserEvents {

    public static final String CREATED = "user.created";
    public static final String UPDATED = "user.updated";

    private final EventOutbox outbox;

    UserEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    void created(User user) {
        publish(CREATED, UserChanged.of(user));
    }

    void updated(User user) {
        publish(UPDATED, UserChanged.of(user));
    }

    /**
     * Republishes a user's current state, for the backfill: as {@code user.updated}, because it reports a state rather
     * than a registration (a consumer that welcomes new users must not welcome them again).
     */
    public void snapshot(UserChanged user) {
        publish(UPDATED, user);
    }

    private void publish(String type, UserChanged user) {
        String id = Long.toString(user.id());
        outbox.append(type, id, type, id, user);
    }
}
