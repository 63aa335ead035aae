package dev.strangler.messaging.support;

import dev.strangler.messaging.CloudEventHeaders;
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
 * Publishes events as another producer would, with the CloudEvents headers of ADR 0012 and the event's type as its
 * topic, or anything else a broken producer might send; shared by the services' consumer tests.
 */
public record EventSender(KafkaTemplate<String, String> kafka, JsonMapper json) {

    /** Waits until a listener container owns all its partitions, so that nothing sent after this is missed. */
    public static void awaitAssigned(KafkaListenerEndpointRegistry listeners, String listenerId, int partitions) {
        var container = listeners.getListenerContainer(listenerId);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> container.getAssignedPartitions() != null
                && container.getAssignedPartitions().size() == partitions);
    }

    public SendResult<String, String> send(String type, String source, String key, Object body) {
        return send(type, key, CloudEventHeaders.of(UUID.randomUUID(), type, source, Instant.now(), key),
                json.writeValueAsString(body));
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
