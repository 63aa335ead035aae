package dev.strangler.notifications.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/**
 * Sends one rendered e-mail over SMTP as {@code multipart/alternative} (plain text first, HTML preferred by readers
 * that can show it), with a {@code Message-ID} made from the event id, so that a duplicate, should one ever escape
 * (see ADR 0028), is recognisable downstream as the same message.
 */
@Component
class Mailer {

    private final JavaMailSenderImpl sender;
    private final NotificationsProperties properties;
    private final Clock clock;

    Mailer(JavaMailSenderImpl sender, NotificationsProperties properties, Clock clock) {
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    static String messageId(String eventId) {
        return "<" + eventId + "@notification-service.strangler.dev>";
    }

    /** Sends it; SMTP failures come back as {@link MailException}. */
    void send(Email email, String messageId) {
        try {
            MimeMessage message = new FixedIdMessage(sender.getSession(), messageId);
            message.setFrom(new InternetAddress(properties.fromAddress()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.to()));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            var text = new MimeBodyPart();
            text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
            var html = new MimeBodyPart();
            html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
            var alternative = new MimeMultipart("alternative", text, html);
            message.setContent(alternative);
            sender.send(message);
        }
        catch (MessagingException ex) {
            throw new org.springframework.mail.MailPreparationException(ex);
        }
    }

    /** JavaMail replaces the Message-ID on every save; this message keeps the one derived from the event. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
