package dev.strangler.messaging.inbound;

/**
 * A failure that may well pass (an SMTP server restarting, an event that arrived before the one it needs) but that
 * must not hold its partition for as long as it lasts: the error handler retries it on the back-off
 * {@code strangler.events.retry.max-retries} times and then dead-letters it with {@link #getMessage()} as the reason,
 * even when its cause chain holds what would otherwise count as transient (a refused connection).
 */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String message) {
        super(message);
    }

    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
