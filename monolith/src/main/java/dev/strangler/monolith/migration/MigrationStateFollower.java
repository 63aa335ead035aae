package dev.strangler.monolith.migration;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the gateway's migration state (the compacted {@code migration.state} topic, one record per capability), so
 * that the monolith's own pages can read a capability from the service once the gateway does, and so that it stops
 * sending e-mail once the {@code notifications} capability has moved to notification-service (ADR 0025). A tolerant
 * reader of the gateway's record: only the fields it needs ({@code reads}, {@code percent}, {@code writes}, or
 * {@code mode} for a capability without a split). Until it has read the topic, or when Kafka is away, every capability
 * counts as still on the monolith — the safe side, because the monolith keeps every capability's data, and an e-mail
 * it sends is marked on its event so that notification-service does not send it again.
 */
@Component
@EnableConfigurationProperties(MigrationFollowerProperties.class)
public class MigrationStateFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MigrationStateFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final MigrationFollowerProperties properties;
    private final Map<String, Object> consumerConfig;
    private final JsonMapper json;
    private final Map<String, CapabilityRouting> routing = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    MigrationStateFollower(MigrationFollowerProperties properties, KafkaProperties kafka, JsonMapper json) {
        this.properties = properties;
        this.consumerConfig = kafka.buildConsumerProperties();
        this.json = json;
    }

    /** Where the capability's traffic goes now; a capability never changed is still on the monolith. */
    public CapabilityRouting routing(String capability) {
        return routing.getOrDefault(capability, CapabilityRouting.monolith(capability));
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "migration-state-follower");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                follow();
            }
            catch (WakeupException stopping) {
                return;
            }
            catch (RuntimeException ex) {
                log.warn("Cannot follow the migration state on {} ({}); pages read locally until it is back; "
                        + "retrying in {} s", properties.topic(), ex.toString(), RETRY_PAUSE.toSeconds());
                // This thread exists only to follow the topic: pausing it keeps a broker outage from becoming a busy
                // reconnect loop, and nothing else waits on it meanwhile.
                try {
                    Thread.sleep(RETRY_PAUSE);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void follow() {
        var config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.kafkaTimeout().toMillis());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "monolith-migration-state-follower");
        // The gateway creates the topic compacted; a follower must never create it first with the wrong settings.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (var reader = new KafkaConsumer<String, String>(config)) {
            consumer = reader;
            var partitions = reader.partitionsFor(properties.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + properties.topic() + " does not exist yet");
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                    apply(record);
                }
            }
        }
        finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            JsonNode state = json.readTree(record.value());
            String capability = state.path("capability").asString(record.key());
            var next = new CapabilityRouting(capability, state.path("reads").asString("MONOLITH"),
                    state.path("percent").isNumber() ? state.path("percent").asInt() : null,
                    state.path("writes").asString("MONOLITH"), state.path("mode").asString("MONOLITH"),
                    state.path("version").asLong(0));
            CapabilityRouting previous = routing.put(capability, next);
            if (previous == null || !previous.equals(next)) {
                if (state.has("mode")) {
                    log.info("Migration state: {} mode={} (version {})", capability, next.mode(), next.version());
                    if (!next.movedToTheService() && !"MONOLITH".equals(next.mode())) {
                        log.warn("Unknown mode {} of {}: the monolith keeps doing the work", next.mode(), capability);
                    }
                }
                else {
                    log.info("Migration state: {} reads={}{} writes={} (version {})", capability, next.reads(),
                            next.percent() == null ? "" : " " + next.percent() + "%", next.writes(), next.version());
                }
            }
        }
        catch (JacksonException ex) {
            log.error("Unreadable migration state record at offset {}, ignored: {}", record.offset(),
                    ex.getOriginalMessage());
        }
    }
}
