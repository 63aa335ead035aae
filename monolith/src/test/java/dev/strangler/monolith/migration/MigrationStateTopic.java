package dev.strangler.monolith.migration;

import dev.strangler.messaging.support.SharedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A {@code migration.state} topic of a test's own, written the way the gateway writes it (compacted, one partition,
 * one whole record per capability), so that the monolith's follower is tested against the real record format.
 */
public final class MigrationStateTopic {

    private final String name = "migration.state.monolith-test-" + UUID.randomUUID();
    private long version;

    public MigrationStateTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not create " + name, ex);
        }
    }

    public String name() {
        return name;
    }

    /** Publishes a capability's whole state, as the gateway does after an admin change. */
    public void publish(String capability, String reads, Integer percent, String writes) {
        version++;
        send(capability, """
                {"capability":"%s","version":%d,"reads":"%s","percent":%s,"writes":"%s","changeId":"%s",
                 "changedAt":"2026-11-24T10:00:00Z","changedBy":"admin","history":[]}"""
                .formatted(capability, version, reads, percent, writes, UUID.randomUUID()));
    }

    /**
     * Publishes the whole state of a capability with a single mode and no reads/writes split ({@code notifications}),
     * in the shape the gateway writes it (issue 5's shared design: {@code mode} at the top level).
     */
    public void publishMode(String capability, String mode) {
        version++;
        send(capability, """
                {"capability":"%s","version":%d,"mode":"%s","changeId":"%s","changedAt":"2026-11-24T10:00:00Z",
                 "changedBy":"admin","history":[{"version":%d,"mode":"%s","changedBy":"admin"}]}"""
                .formatted(capability, version, mode, UUID.randomUUID(), version, mode));
    }

    private void send(String capability, String value) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(name, capability, value)).get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not publish to " + name, ex);
        }
    }
}
