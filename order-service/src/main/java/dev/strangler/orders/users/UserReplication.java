package dev.strangler.orders.users;

import dev.strangler.messaging.inbound.IncomingEvent;
import dev.strangler.messaging.inbound.PoisonMessageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the users replica in step with the user events of every source: the monolith while it owns users, then
 * user-service. order-service never publishes user events, so there is no own source to skip; an event is applied
 * only when its version is newer than the row's, so duplicates, replays, a backfill, both owners publishing one
 * change, and {@code updated} before {@code created} change nothing they should not.
 */
@Component
class UserReplication {

    static final String CREATED = "user.created";
    static final String UPDATED = "user.updated";
    static final String LISTENER = "users-replica";

    private static final Logger log = LoggerFactory.getLogger(UserReplication.class);

    private final UserReplica replica;
    private final MeterRegistry meters;

    UserReplication(UserReplica replica, MeterRegistry meters) {
        this.replica = replica;
        this.meters = meters;
    }

    @KafkaListener(id = LISTENER, topics = {CREATED, UPDATED},
            groupId = "${strangler.orders.replication.group-id}",
            autoStartup = "${strangler.orders.replication.enabled}")
    void on(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        switch (event.type()) {
            case CREATED, UPDATED -> {
                UserChanged user = event.data(UserChanged.class);
                boolean applied = replica.apply(user);
                count(applied ? "applied" : "stale");
                log.debug("{} {} of user {} version {} from {}", applied ? "Applied" : "Ignored stale", event.type(),
                        user.id(), user.version(), event.source());
            }
            default -> throw PoisonMessageException.unknownType(event);
        }
    }

    private void count(String outcome) {
        Counter.builder("strangler.users.replication")
                .description("User events copied into the users replica, by what became of them")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
