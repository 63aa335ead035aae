package dev.strangler.monolith.orders;

import dev.strangler.messaging.outbox.EventOutbox;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Writes {@code order.created} (ADR 0025) to the outbox inside the transaction that places the order, keyed by the order
 * id so that one order's events stay in order.
 */
@Component
class OrderEvents {

    static final String CREATED = "order.created";

    private final EventOutbox outbox;

    OrderEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** Appends after the order's rows are written, with the headers the e-mail hand-over decided for it. */
    void created(Order order, Map<String, String> headers) {
        String id = Long.toString(order.getId());
        outbox.append(CREATED, id, CREATED, id, OrderCreated.of(order), headers);
    }
}
