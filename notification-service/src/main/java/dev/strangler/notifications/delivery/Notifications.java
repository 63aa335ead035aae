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

import java.util.function.Supplier;

/**
 * Handles one event, exactly once per event id: in one transaction it claims the id in the inbox first, then sends
 * the e-mail and records it (or, when the producer stamped {@code strangler-notified-by}, only records what that
 * service sent, without needing the recipient), and commits. Whatever fails rolls the claim back with it, so the
 * event is retried. The one gap left, a crash between the SMTP server's acceptance and the commit, is discussed in
 * ADR 0028.
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
        // Who sent the e-mail already, when the producer says one did: the monolith inline, or (for a republished or
        // repaired order whose e-mail went out long ago) `monolith` or `order-service`. Null: ours to send.
        String notifiedBy = CloudEventHeaders.text(record.headers(), EventTypes.NOTIFIED_BY);
        return switch (event.type()) {
            case EventTypes.USER_CREATED -> {
                UserChanged user = event.data(UserChanged.class);
                inbox.lockRecordsOf(user.id());
                recipients.apply(user);
                inbox.addressRecordsOf(user.id());
                yield notifiedBy != null
                        ? recordOnly(event, notifiedBy, Email.Kind.WELCOME, user::email,
                                MailTemplates.welcomeSubject(user.name()))
                        : deliver(event, () -> templates.welcome(new Recipient(user.id(), user.email(), user.name())));
            }
            case EventTypes.USER_UPDATED -> {
                UserChanged user = event.data(UserChanged.class);
                inbox.lockRecordsOf(user.id());
                recipients.apply(user);
                inbox.addressRecordsOf(user.id());
                yield Outcome.NO_EMAIL;
            }
            case EventTypes.ORDER_CREATED -> {
                OrderCreated order = event.data(OrderCreated.class);
                // A marked order needs no recipient: nothing is sent, so it is recorded at once, with the address when
                // the replica has it, else a placeholder that the user's event replaces. Waiting for the user instead,
                // as an unmarked order must, would retry it for half a minute, dead-letter it and hold the partitions
                // meanwhile: e.g. for every order an orders backfill publishes before the users backfill has run.
                yield notifiedBy != null
                        ? recordOnly(event, notifiedBy, Email.Kind.ORDER_CONFIRMATION, () -> {
                                    inbox.lockRecordsOf(order.userId());
                                    return recipients.find(order.userId()).map(Recipient::email)
                                            .orElseGet(() -> Inbox.unknownRecipient(order.userId()));
                                },
                                MailTemplates.orderConfirmationSubject(order))
                        : deliver(event, () -> templates.orderConfirmation(recipients.find(order.userId())
                                .orElseThrow(() -> {
                                    metrics.failed(Email.Kind.ORDER_CONFIRMATION, "recipient-unknown");
                                    return new RecipientUnknownException(order.id(), order.userId());
                                }), order));
            }
            default -> throw PoisonMessageException.unknownType(event);
        };
    }

    /** Sends the event's e-mail and records it, once per event id. */
    private Outcome deliver(IncomingEvent event, Supplier<Email> compose) {
        if (!claim(event)) {
            return Outcome.ALREADY_DONE;
        }
        Email email = compose.get();
        String messageId = Mailer.messageId(event.id());
        try {
            mailer.send(email, messageId);
        }
        catch (MailException ex) {
            metrics.failed(email.kind(), "smtp");
            throw new SmtpUnavailableException(event.id(), ex);
        }
        inbox.recordSent(event.id(), email, messageId);
        metrics.sent(email.kind());
        log.info("Sent {} for event {} to {}", email.kind(), event.id(), email.to());
        return Outcome.SENT;
    }

    /** Records, once per event id, an e-mail that {@code notifiedBy} sent; sends nothing and renders nothing. */
    private Outcome recordOnly(IncomingEvent event, String notifiedBy, Email.Kind kind, Supplier<String> recipient,
                               String subject) {
        if (!claim(event)) {
            return Outcome.ALREADY_DONE;
        }
        String to = recipient.get();
        inbox.recordSentByOthers(event.id(), kind, to, subject, Mailer.messageId(event.id()), notifiedBy);
        metrics.sentByMonolith(kind);
        log.info("Recorded {} for event {} to {}: {} sent it", kind, event.id(), to, notifiedBy);
        return Outcome.SENT_BY_MONOLITH;
    }

    private boolean claim(IncomingEvent event) {
        if (inbox.claim(event.id(), event.topic())) {
            return true;
        }
        log.debug("Event {} ({}) was handled before: nothing to do", event.id(), event.type());
        return false;
    }
}
