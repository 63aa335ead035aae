package dev.strangler.monolith.mail;

/**
 * Thrown when the SMTP server cannot take an e-mail; the legacy shop then refuses the whole request.
 */
public class MailUnavailableException extends RuntimeException {

    MailUnavailableException(Throwable cause) {
        super("The mail server is unavailable", cause);
    }
}
