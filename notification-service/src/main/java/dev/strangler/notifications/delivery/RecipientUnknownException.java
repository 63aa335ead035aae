package dev.strangler.notifications.delivery;

import dev.strangler.messaging.inbound.RetryLaterException;

/**
 * An order whose user has not reached the replica yet (the two arrive on different topics): retried on the back-off,
 * then dead-lettered with this reason, to be replayed once the user is there.
 */
class RecipientUnknownException extends RetryLaterException {

    RecipientUnknownException(long orderId, long userId) {
        super("order " + orderId + ": user " + userId + " is not known yet");
    }
}
