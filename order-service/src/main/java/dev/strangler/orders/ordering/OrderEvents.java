package dev.strangler.orders.ordering;

import dev.strangler.messaging.outbox.EventOutbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Writes {@code order.created} (ADR 0025) to the outbox inside the transaction that writes the order, keyed by the
 * order id. A new order's event never carries the {@code strangler-notified-by} header: order-service sends no
 * e-mail, so notification-service confirms every order placed here.
 */
@Component
public class OrderEvents {

    public static final String CREATED = "order.created";

    /** notification-service's mark of an order whose confirmation is not its to send (ADR 0025). */
    static final String NOTIFIED_BY = "strangler-notified-by";

    private final EventOutbox outbox;
    private final String ownSource;

    OrderEvents(EventOutbox outbox, @Value("${strangler.events.source:${spring.application.name}}") String ownSource) {
        this.outbox = outbox;
        this.ownSource = ownSource;
    }

    /** Appends {@code order.created} of an order just placed; runs in the caller's transaction. */
    void created(OrderCreated order) {
        append(order, Map.of());
    }

    /**
     * Appends {@code order.created} of an order placed earlier, for the reconciliation's repair: its confirmation went
     * out when it was placed, so the event says so with {@code strangler-notified-by} (naming this service), and
     * notification-service records it without e-mailing the customer again (ADR 0036).
     */
    void republished(OrderCreated order) {
        append(order, Map.of(NOTIFIED_BY, ownSource));
    }

    private void append(OrderCreated order, Map<String, String> headers) {
        String id = Long.toString(order.id());
        outbox.append(CREATED, id, CREATED, id, order, headers);
    }
}
