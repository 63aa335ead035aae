package dev.strangler.users.support;

import dev.strangler.users.accounts.UserChanged;
import dev.strangler.messaging.support.EventSender;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.time.Instant;

/**
 * User events as another owner (the monolith) would publish them, for tests of the service's consumer; send them with
 * messaging-support's {@link EventSender}.
 */
public final class UserEventFixtures {

    public static final String MONOLITH = "monolith";

    private UserEventFixtures() {
    }

    public static UserChanged user(long id, String name, long version) {
        Instant created = Instant.parse("2026-11-01T09:00:00Z");
        return new UserChanged(id, "user" + id + "@example.com", name, created, created.plusSeconds(version), version);
    }

    /** Waits until the consumer of user events owns all six partitions, so that nothing sent is missed. */
    public static void awaitConsumerAssigned(KafkaListenerEndpointRegistry listeners) {
        EventSender.awaitAssigned(listeners, "users-replication", 6);
    }
}
