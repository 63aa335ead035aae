package dev.strangler.notifications.delivery;

import dev.strangler.messaging.inbound.RetryLaterException;

/**
 * The SMTP server refused, timed out or was not there: retried on the back-off a bounded number of times, then
 * dead-lettered, so an SMTP outage never holds the partitions for ever (the inbox row is rolled back with it).
 */
class SmtpUnavailableException extends RetryLaterException {

    SmtpUnavailableException(String eventId, Throwable cause) {
        super("SMTP failed for event " + eventId + ": " + cause.getMessage(), cause);
    }
}
