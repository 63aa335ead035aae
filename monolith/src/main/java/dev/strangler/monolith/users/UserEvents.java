package dev.strangler.monolith.users;

import dev.strangler.messaging.outbox.EventOutbox;
import org.springframework.stereotype.Component;

import java.util.Map;

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

    /** A registration, with the headers the e-mail hand-over decided for it (ADR 0025). */
    void created(User user, Map<String, String> headers) {
        publish(CREATED, UserChanged.of(user), headers);
    }

    void updated(User user) {
        publish(UPDATED, UserChanged.of(user), Map.of());
    }

    /**
     * Republishes a user's current state, for the backfill: as {@code user.updated}, because it reports a state rather
     * than a registration (a consumer that welcomes new users must not welcome them again).
     */
    public void snapshot(UserChanged user) {
        publish(UPDATED, user, Map.of());
    }

    private void publish(String type, UserChanged user, Map<String, String> headers) {
        String id = Long.toString(user.id());
        outbox.append(type, id, type, id, user, headers);
    }
}
