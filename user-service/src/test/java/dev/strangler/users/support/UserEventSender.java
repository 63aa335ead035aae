package dev.strangler.users.support;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.users.accounts.UserChanged;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.awaitility.Awaitility;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Publishes user events as another owner would (the monolith), with the headers and body of ADR 0012, or anything
 * else a broken producer might send.
 */
public record UserEventSender(KafkaTemplate<String, String> kafka, JsonMapper json) {

    public static final String MONOLITH = "monolith";

    public static UserChanged user(long id, String name, long version) {
        Instant created = Instant.parse("2026-11-01T09:00:00Z");
        return new UserChanged(id, "user" + id + "@example.com", name, created, created.plusSeconds(version), version);
    }

    /** Waits until the service's consumer of user events owns all six partitions, so that nothing sent is missed. */
    public static void awaitConsumerAssigned(KafkaListenerEndpointRegistry listeners) {
        var container = listeners.getListenerContainer("users-replication");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> container.getAssignedPartitions() != null
                && container.getAssignedPartitions().size() == 6);
    }

    public SendResult<String, String> send(String type, String source, UserChanged user) {
        return send(type, Long.toString(user.id()), CloudEventHeaders.of(UUID.randomUUID(), type, source, Instant.now(),
                Long.toString(user.id())), json.writeValueAsString(user));
    }

    public SendResult<String, String> send(String topic, String key, Headers headers, String body) {
        try {
            return kafka.send(new ProducerRecord<>(topic, null, key, body, headers)).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
    }
}
