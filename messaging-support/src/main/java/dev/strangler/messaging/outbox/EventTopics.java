package dev.strangler.messaging.outbox;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics a service publishes to, each with its dead-letter topic, from the relay rather than at start-up:
 * a service starts while Kafka is down and its outbox simply waits.
 */
final class EventTopics {

    static final String DEAD_LETTER_SUFFIX = ".DLT";

    private final Map<String, Object> adminConfig;
    private final List<NewTopic> topics;
    private volatile boolean created;

    EventTopics(Map<String, Object> adminConfig, List<String> names, int partitions, short replicationFactor) {
        this.adminConfig = new HashMap<>(adminConfig);
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        // The same partition count for a dead-letter topic, so a record can keep its partition number there.
        this.topics = names.stream()
                .flatMap(name -> java.util.stream.Stream.of(name, name + DEAD_LETTER_SUFFIX))
                .map(name -> new NewTopic(name, partitions, replicationFactor))
                .toList();
        this.created = topics.isEmpty();
    }

    /** Creates every missing topic, once; throws while Kafka cannot be reached, so the caller retries later. */
    void ensureCreated() {
        if (created) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            var results = admin.createTopics(topics).values();
            for (var result : results.values()) {
                try {
                    result.get(10, TimeUnit.SECONDS);
                }
                catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topics " + names(), ex.getCause());
                    }
                }
            }
            created = true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", ex);
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("Kafka did not answer while creating topics " + names(), ex);
        }
    }

    boolean created() {
        return created;
    }

    private List<String> names() {
        return topics.stream().map(NewTopic::name).toList();
    }
}
