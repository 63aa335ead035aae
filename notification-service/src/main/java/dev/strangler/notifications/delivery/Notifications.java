package dev.strangler.notifications.delivery;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.inbound.IncomingEvent;
import dev.strangler.messaging.inbound.PoisonMessageException;
import dev.strangler.notifications.recipients.Recipient;
import dev.strangler.notifications.recipients.Recipients;
import dev.strangler.notifications.recipients.UserChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handles one event, exactly once per event id: in one transaction it claims the id in the inbox first, then sends
 * the e-mail (or, when the producer stamped {@code strangler-notified-by}, only records what the monolith sent), then
 * records it, and commits. Whatever fails rolls the claim back with it, so the event is retried. The one gap left,
 * a crash between the SMTP server's acceptance and the commit, is discussed in ADR 0028.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final Inbox inbox;
    private final Recipients recipients;
    private final MailTemplates templates;
    private final Mailer mailer;
    private final DeliveryMetrics metrics;

    Notifications(Inbox inbox, Recipients recipients, MailTemplates templates, Mailer mailer, DeliveryMetrics metrics) {
        this.inbox = inbox;
        this.recipients = recipients;
        this.templates = templates;
        this.mailer = mailer;
        this.metrics = metrics;
    }

    /** Handles a record of {@code user.created}, {@code user.updated} or {@code order.created} (or their DLTs). */
    @Transactional
    public Outcome handle(ConsumerRecord<?, ?> record) {
        IncomingEvent event = IncomingEvent.from(record);
        boolean sentByMonolith = CloudEventHeaders.text(record.headers(), EventTypes.NOTIFIED_BY) != null;
        return switch (event.type()) {
            case EventTypes.USER_CREATED -> {
                UserChanged user = event.data(UserChanged.class);
                recipients.apply(user);
                yield deliver(event, sentByMonolith,
                        () -> templates.welcome(new Recipient(user.id(), user.email(), user.name())));
            }
            case EventTypes.USER_UPDATED -> {
                recipients.apply(event.data(UserChanged.class));
                yield Outcome.NO_EMAIL;
            }
            case EventTypes.ORDER_CREATED -> {
                OrderCreated order = event.data(OrderCreated.class);
                yield deliver(event, sentByMonolith, () -> templates.orderConfirmation(recipients.find(order.userId())
                        .orElseThrow(() -> {
                            metrics.failed(Email.Kind.ORDER_CONFIRMATION, "recipient-unknown");
                            return new RecipientUnknownException(order.id(), order.userId());
                        }), order));
            }
            default -> throw PoisonMessageException.unknownType(event);
        };
    }

    private Outcome deliver(IncomingEvent event, boolean sentByMonolith, java.util.function.Supplier<Email> compose) {
        if (!inbox.claim(event.id(), event.topic())) {
            log.debug("Event {} ({}) was handled before: nothing to do", event.id(), event.type());
            return Outcome.ALREADY_DONE;
        }
        Email email = compose.get();
        String messageId = Mailer.messageId(event.id());
        if (sentByMonolith) {
            inbox.record(event.id(), email, Inbox.Status.SENT_BY_MONOLITH, messageId);
            metrics.sentByMonolith(email.kind());
            return Outcome.SENT_BY_MONOLITH;
        }
        try {
            mailer.send(email, messageId);
        }
        catch (MailException ex) {
            metrics.failed(email.kind(), "smtp");
            throw new SmtpUnavailableException(event.id(), ex);
        }
        inbox.record(event.id(), email, Inbox.Status.SENT, messageId);
        metrics.sent(email.kind());
        log.info("Sent {} for event {} to {}", email.kind(), event.id(), email.to());
        return Outcome.SENT;
    }
}
