package dev.strangler.messaging.outbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.time.Instant;

/** A service with nothing but messaging-support: what the outbox does on its own. */
@SpringBootApplication
class OutboxTestApplication {

    /** A service's own event record. */
    record ThingChanged(long id, String name, Instant changedAt, long version) {
    }
}
