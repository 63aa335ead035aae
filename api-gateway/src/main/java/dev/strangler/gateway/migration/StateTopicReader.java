package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Rebuilds the migration state from the start of the {@code migration.state} topic and then applies every record as
 * it arrives. Every gateway reads the same log in the same order and applies each record whole, so every gateway ends
 * with the same state, and the last record per capability, which compaction keeps, is that state.
 */
final class StateTopicReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StateTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final MigrationProperties properties;
    private final Map<String, Object> consumerConfig;
    private final Admin admin;
    private final JsonMapper json;
    private final AtomicReference<MigrationState> state = new AtomicReference<>(MigrationState.loading());
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final Consumer<MigrationState> listener;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    StateTopicReader(MigrationProperties properties, Map<String, Object> consumerConfig, Admin admin, JsonMapper json,
                     Consumer<MigrationState> listener) {
        this.properties = properties;
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.admin = admin;
        this.json = json;
        this.listener = listener;
    }

    MigrationState state() {
        return state.get();
    }

    /**
     * Waits until this gateway has read the topic up to its current end, so that a change is validated against the
     * latest state any gateway has published.
     *
     * @throws StateUnavailableException when Kafka does not answer within the Kafka timeout
     */
    void catchUp() {
        Map<TopicPartition, Long> ends = endOffsets();
        ends.forEach(this::awaitPosition);
    }

    /** Waits until the record at {@code offset} has been applied; false when it has not been within the timeout. */
    boolean awaitApplied(TopicPartition partition, long offset) {
        try {
            awaitPosition(partition, offset + 1, properties.applyTimeout());
            return true;
        }
        catch (StateUnavailableException notYet) {
            return false;
        }
    }

    private void awaitPosition(TopicPartition partition, long end) {
        awaitPosition(partition, end, properties.kafkaTimeout());
    }

    private void awaitPosition(TopicPartition partition, long end, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (positions.getOrDefault(partition, 0L) < end) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StateUnavailableException("The migration state on Kafka could not be read up to date within "
                            + timeout.toMillis() + " ms; nothing was changed");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new StateUnavailableException("Interrupted while reading the migration state", ex);
                }
            }
        }
    }

    private Map<TopicPartition, Long> endOffsets() {
        try {
            var partitions = admin.describeTopics(List.of(properties.topic())).allTopicNames()
                    .get(properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .get(properties.topic()).partitions().stream()
                    .map(info -> new TopicPartition(properties.topic(), info.partition()))
                    .toList();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
            var ends = new HashMap<TopicPartition, Long>();
            admin.listOffsets(request).all().get(properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new StateUnavailableException("Kafka, which holds the migration state, is not answering; nothing "
                    + "was changed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("Interrupted while reading the migration state", ex);
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "migration-state-reader");
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
                ensureTopic();
                readForever();
            }
            catch (WakeupException stopping) {
                return;
            }
            catch (RuntimeException ex) {
                log.warn("Cannot read the migration state from topic {} ({}); retrying in {} s", properties.topic(),
                        ex.toString(), RETRY_PAUSE.toSeconds());
                pause();
            }
        }
    }

    private void ensureTopic() {
        var topic = new NewTopic(properties.topic(), Optional.of(1), Optional.of(properties.replicationFactor()))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"));
        try {
            admin.createTopics(List.of(topic)).all().get(properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created the compacted topic {}", properties.topic());
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + properties.topic(), ex.getCause());
            }
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("Kafka did not answer within " + properties.kafkaTimeout(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private void readForever() {
        var config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.kafkaTimeout().toMillis());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "migration-state-reader");
        try (var reader = new KafkaConsumer<String, String>(config)) {
            consumer = reader;
            var partitions = reader.partitionsFor(properties.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            // A re-read after a failure replays the whole log: build it aside and swap once caught up, so that routing
            // never goes back through old states.
            MigrationState building = state.get().loaded() ? MigrationState.loading() : null;
            while (running) {
                for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                    if (building != null) {
                        building = apply(building, record);
                    }
                    else {
                        publish(apply(state.get(), record));
                    }
                }
                partitions.forEach(partition -> positions.put(partition, reader.position(partition)));
                boolean caughtUp = ends.entrySet().stream()
                        .allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
                if (caughtUp && building != null) {
                    publish(building.asLoaded());
                    building = null;
                }
                else if (caughtUp && !state.get().loaded()) {
                    publish(state.get().asLoaded());
                    log.info("Migration state loaded from {}: {}", properties.topic(), describe(state.get()));
                }
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        }
        finally {
            consumer = null;
        }
    }

    private MigrationState apply(MigrationState current, ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return current;
        }
        try {
            CapabilityState next = json.readValue(record.value(), CapabilityState.class);
            Optional<Capability> capability = Capability.byLabel(next.capability());
            if (capability.isEmpty()) {
                log.debug("Ignoring state of unknown capability {} at offset {}", next.capability(), record.offset());
                return current;
            }
            if (!next.fits(capability.get())) {
                log.error("Migration state record of {} at offset {} of {} does not fit the capability (routed: "
                        + "reads and writes; a switch: only a mode), kept the previous state", next.capability(),
                        record.offset(), properties.topic());
                return current;
            }
            CapabilityState previous = current.of(capability.get());
            if (current.loaded() && next.version() != previous.version() + 1) {
                log.warn("Capability {} went from version {} to {}: two changes raced and the later one in the log "
                        + "wins", next.capability(), previous.version(), next.version());
            }
            return current.with(capability.get(), next);
        }
        catch (JacksonException ex) {
            log.error("Unreadable migration state record at offset {} of {}, kept the previous state: {}",
                    record.offset(), properties.topic(), ex.getOriginalMessage());
            return current;
        }
    }

    private void publish(MigrationState next) {
        state.set(next);
        listener.accept(next);
    }

    private static String describe(MigrationState state) {
        var parts = new StringBuilder();
        Capability.migratable().forEach(capability -> {
            CapabilityState of = state.of(capability);
            parts.append(capability.label()).append(' ').append(of.describe()).append(" v").append(of.version())
                    .append("; ");
        });
        return parts.toString().strip();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
