package dev.strangler.messaging.inbound;

/**
 * A message that can never be processed however often it is retried (not JSON, no {@code ce_type}, a type nobody
 * handles): the error handler sends it to the dead-letter topic at once, with {@link #reason()} in a header, so the
 * partition keeps moving.
 */
public class PoisonMessageException extends RuntimeException {

    private final String reason;

    public PoisonMessageException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** For a listener's {@code default} branch: the event is well-formed, but of a type this consumer does not know. */
    public static PoisonMessageException unknownType(IncomingEvent event) {
        return new PoisonMessageException("unknown type " + event.type() + " on " + event.topic());
    }

    /** A short, human reason, as put in the dead letter's {@code strangler-dlt-reason} header. */
    public String reason() {
        return reason;
    }
}
