package dev.strangler.monolith.orders;

import dev.strangler.messaging.outbox.EventOutbox;
import dev.strangler.monolith.mail.MailDuty;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Writes {@code order.created} (ADR 0025) to the outbox inside the transaction that places the order, keyed by the order
 * id so that one order's events stay in order.
 */
@Component
public class OrderEvents {

    public static final String CREATED = "order.created";

    /**
     * The mark of a republished order (backfill, reconciliation): its confirmation was e-mailed when it was placed — by
     * the monolith inline or by notification-service from the original event — so nobody may send it again (ADR 0033).
     */
    static final Map<String, String> ALREADY_NOTIFIED = Map.of(MailDuty.NOTIFIED_BY, MailDuty.MONOLITH);

    private final EventOutbox outbox;

    OrderEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** Appends after the order's rows are written, with the headers the e-mail hand-over decided for it. */
    void created(Order order, Map<String, String> headers) {
        publish(OrderCreated.of(order), headers);
    }

    /**
     * Republishes an existing order's current state, for the backfill and the reconciliation's repair. There is no
     * {@code order.updated} yet, so it goes out as {@code order.created}, which every consumer applies as "insert if
     * absent"; it always carries {@code strangler-notified-by}, so that notification-service never confirms an order a
     * second time (ADR 0033).
     */
    public void snapshot(OrderCreated order) {
        publish(order, ALREADY_NOTIFIED);
    }

    private void publish(OrderCreated order, Map<String, String> headers) {
        String id = Long.toString(order.id());
        outbox.append(CREATED, id, CREATED, id, order, headers);
    }
}
