package dev.strangler.monolith.mail;

import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.orders.Order;
import dev.strangler.monolith.users.User;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.stream.Collectors;

/**
 * Sends e-mail synchronously inside the caller's transaction, as the legacy shop always did: if SMTP fails, the
 * registration or order fails with it and nothing is saved. Once the {@code notifications} capability has moved to
 * notification-service it sends nothing — and so no SMTP outage can fail a registration or an order any more; the
 * caller decides which with {@link #duty()}, once per transaction, and stamps its event accordingly (ADR 0025).
 */
@Component
public class LegacyMailer {

    /** The capability of the gateway's migration state that says who sends e-mail. */
    static final String NOTIFICATIONS = "notifications";

    private final JavaMailSender sender;
    private final SentEmailRepository sentEmails;
    private final ShopProperties shop;
    private final Clock clock;
    private final MeterRegistry meters;
    private final MigrationStateFollower migration;

    LegacyMailer(JavaMailSender sender, SentEmailRepository sentEmails, ShopProperties shop, Clock clock,
                 MeterRegistry meters, MigrationStateFollower migration) {
        this.sender = sender;
        this.sentEmails = sentEmails;
        this.shop = shop;
        this.clock = clock;
        this.meters = meters;
        this.migration = migration;
    }

    /**
     * Who e-mails the change being made now: the monolith while {@code notifications} is MONOLITH, or not known yet
     * (the follower has not read the state, Kafka is away), notification-service once it is SERVICE. Read it once per
     * transaction and hand the same answer to the event and to the send methods.
     */
    public MailDuty duty() {
        return new MailDuty(!migration.routing(NOTIFICATIONS).movedToTheService());
    }

    /** Sends the welcome e-mail, unless notification-service sends it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void sendWelcome(MailDuty duty, User user) {
        if (handedOver(duty, EmailKind.WELCOME)) {
            return;
        }
        String body = """
                Hello %s,

                welcome to Strangler Shop! Your account is ready: %s/users/%d

                Happy shopping,
                the Strangler Shop team
                """.formatted(user.getName(), shop.storefrontUrl(), user.getId());
        send(EmailKind.WELCOME, user.getEmail(), "Welcome to Strangler Shop, " + user.getName(), body);
    }

    /** Sends the order confirmation, unless notification-service sends it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void sendOrderConfirmation(MailDuty duty, User user, Order order) {
        if (handedOver(duty, EmailKind.ORDER_CONFIRMATION)) {
            return;
        }
        String lines = order.getLines().stream()
                .map(line -> "  %d x %s (%s) at %s EUR".formatted(line.getQuantity(), line.getName(), line.getSku(),
                        line.getUnitPrice()))
                .collect(Collectors.joining("\n"));
        String body = """
                Hello %s,

                thank you for your order #%d:

                %s

                Total: %s EUR

                Strangler Shop
                """.formatted(user.getName(), order.getId(), lines, order.getTotal());
        send(EmailKind.ORDER_CONFIRMATION, user.getEmail(), "Your Strangler Shop order #" + order.getId(), body);
    }

    /** Counted, so that the dashboard shows e-mail moving from "sent" here to "handed_over" during the switch. */
    private boolean handedOver(MailDuty duty, EmailKind kind) {
        if (duty.monolithSends()) {
            return false;
        }
        meters.counter("shop_emails_total", "kind", kind.name(), "outcome", "handed_over").increment();
        return true;
    }

    private void send(EmailKind kind, String to, String subject, String body) {
        sentEmails.save(new SentEmail(kind, to, subject, body, clock.instant()));
        var message = new SimpleMailMessage();
        message.setFrom(shop.fromAddress());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            sender.send(message);
            meters.counter("shop_emails_total", "kind", kind.name(), "outcome", "sent").increment();
        }
        catch (MailException ex) {
            meters.counter("shop_emails_total", "kind", kind.name(), "outcome", "failed").increment();
            throw new MailUnavailableException(ex);
        }
    }
}
