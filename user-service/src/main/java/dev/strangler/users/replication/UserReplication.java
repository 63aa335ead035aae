package dev.strangler.users.replication;

import dev.strangler.messaging.inbound.IncomingEvent;
import dev.strangler.messaging.inbound.PoisonMessageException;
import dev.strangler.users.accounts.UserChanged;
import dev.strangler.users.accounts.UserEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps this service's {@code users} table in step with the user events of whoever else owns user writes (the
 * monolith, before writes move here and after a rollback), so that reads can move first and writes can move back.
 * Its own events are ignored; an event is applied only when its version is newer than the row's, so duplicates,
 * replays, a backfill and {@code updated} before {@code created} change nothing they should not.
 */
@Component
class UserReplication {

    private static final Logger log = LoggerFactory.getLogger(UserReplication.class);

    private final UserReplica replica;
    private final String ownSource;
    private final MeterRegistry meters;

    UserReplication(UserReplica replica, @Value("${strangler.events.source:${spring.application.name}}") String ownSource,
                    MeterRegistry meters) {
        this.replica = replica;
        this.ownSource = ownSource;
        this.meters = meters;
    }

    @KafkaListener(id = "users-replication", topics = {UserEvents.CREATED, UserEvents.UPDATED},
            groupId = "${strangler.users.replication.group-id}",
            autoStartup = "${strangler.users.replication.enabled}")
    void on(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (event.isFrom(ownSource)) {
            count("own-source");
            return;
        }
        switch (event.type()) {
            case UserEvents.CREATED, UserEvents.UPDATED -> {
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
                .description("User events from other owners, by what became of them")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
