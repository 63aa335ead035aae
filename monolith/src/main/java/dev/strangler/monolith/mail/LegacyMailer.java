package dev.strangler.monolith.mail;

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
 * registration or order fails with it and nothing is saved. This coupling is what notification-service later removes.
 */
@Component
public class LegacyMailer {

    private final JavaMailSender sender;
    private final SentEmailRepository sentEmails;
    private final ShopProperties shop;
    private final Clock clock;
    private final MeterRegistry meters;

    LegacyMailer(JavaMailSender sender, SentEmailRepository sentEmails, ShopProperties shop, Clock clock,
                 MeterRegistry meters) {
        this.sender = sender;
        this.sentEmails = sentEmails;
        this.shop = shop;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void sendWelcome(User user) {
        String body = """
                Hello %s,

                welcome to Strangler Shop! Your account is ready: %s/users/%d

                Happy shopping,
                the Strangler Shop team
                """.formatted(user.getName(), shop.storefrontUrl(), user.getId());
        send(EmailKind.WELCOME, user.getEmail(), "Welcome to Strangler Shop, " + user.getName(), body);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void sendOrderConfirmation(User user, Order order) {
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
