package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The migration state as every part of the gateway sees it, and the one way to change it: validate against the latest
 * state on the topic, publish the capability's new state, and return once this gateway has read it back.
 */
public class MigrationStateStore {

    private static final Logger log = LoggerFactory.getLogger(MigrationStateStore.class);

    private final MigrationProperties properties;
    private final StateTopicReader reader;
    private final KafkaProducer<String, String> producer;
    private final JsonMapper json;
    private final Clock clock;
    private final Predicate<String> registered;
    private final Object changes = new Object();

    MigrationStateStore(MigrationProperties properties, StateTopicReader reader, KafkaProducer<String, String> producer,
                        JsonMapper json, Clock clock, Predicate<String> registered) {
        this.properties = properties;
        this.reader = reader;
        this.producer = producer;
        this.json = json;
        this.clock = clock;
        this.registered = registered;
    }

    /** The state this gateway routes by right now; cheap enough to call on every request. */
    public MigrationState current() {
        return reader.state();
    }

    CapabilityState changeReads(Capability capability, Setting requested, String by) {
        requireRouted(capability, "reads");
        return change(capability, (current, changeId, at) -> Transitions.changeReads(current, requested, changeId, by, at));
    }

    CapabilityState changeWrites(Capability capability, Setting requested, String by) {
        requireRouted(capability, "writes");
        return change(capability, (current, changeId, at) -> {
            CapabilityState next = Transitions.changeWrites(current, requested, changeId, by, at);
            if (next.writes() == WriteMode.SERVICE && current.writes() != WriteMode.SERVICE
                    && !registered.test(capability.service())) {
                throw new TransitionRefusedException(capability.service() + " has no registered instance, so every "
                        + "write of " + capability.label() + " would fail: start it (and let it register) first");
            }
            return next;
        });
    }

    CapabilityState changeMode(Capability capability, Setting requested, String by) {
        if (capability.isRouted()) {
            throw new NoSuchSettingException(capability.label() + " has no single mode: its reads and writes move "
                    + "apart (PUT /admin/migration/" + capability.label() + "/reads or /writes)");
        }
        return change(capability, (current, changeId, at) -> {
            CapabilityState next = Transitions.changeMode(current, requested, changeId, by, at);
            if (next.mode() == SwitchMode.SERVICE && current.mode() != SwitchMode.SERVICE
                    && !registered.test(capability.service())) {
                throw new TransitionRefusedException(capability.service() + " has no registered instance, so the "
                        + "work of " + capability.label() + " would be left undone: start it (and let it register) "
                        + "first");
            }
            return next;
        });
    }

    private static void requireRouted(Capability capability, String aspect) {
        if (!capability.isRouted()) {
            throw new NoSuchSettingException(capability.label() + " has no " + aspect + ": it is one switch, "
                    + "changed with PUT /admin/migration/" + capability.label() + " {\"mode\":\"MONOLITH|SERVICE\"}");
        }
    }

    private CapabilityState change(Capability capability, Transition transition) {
        // One change at a time per gateway; across gateways the order of the log decides.
        synchronized (changes) {
            if (!current().loaded()) {
                throw new StateUnavailableException("The migration state is still being read from Kafka; try again "
                        + "shortly");
            }
            reader.catchUp();
            CapabilityState before = current().of(capability);
            String changeId = UUID.randomUUID().toString();
            CapabilityState after = transition.apply(before, changeId, Instant.now(clock));
            if (after == before) {
                return before;
            }
            RecordMetadata written = publish(after);
            if (!reader.awaitApplied(new TopicPartition(written.topic(), written.partition()), written.offset())) {
                throw new ChangeNotYetAppliedException(after);
            }
            CapabilityState applied = current().of(capability);
            if (!changeId.equals(applied.changeId())) {
                throw new ConcurrentChangeException("Another change of " + capability.label() + " by "
                        + applied.changedBy() + " was recorded after this one and is now in force: "
                        + applied.describe());
            }
            Change change = applied.history().getFirst();
            log.info("Migration change by {}: {} {} {} -> {} (version {})", change.by(), capability.label(),
                    change.aspect(), change.from(), change.to(), change.version());
            return applied;
        }
    }

    private RecordMetadata publish(CapabilityState state) {
        String value = json.writeValueAsString(state.topicValue());
        var record = new ProducerRecord<>(properties.topic(), null, state.capability(), value, List.of(
                header("ce_specversion", "1.0"),
                header("ce_id", state.changeId()),
                header("ce_type", "migration.state.changed"),
                header("ce_source", "api-gateway"),
                header("ce_subject", state.capability()),
                header("ce_time", state.changedAt().toString()),
                header("content-type", "application/json")));
        try {
            return producer.send(record).get(properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new StateUnavailableException("Kafka did not confirm the change within "
                    + properties.kafkaTimeout().toMillis() + " ms; it was probably not recorded (GET /admin/migration "
                    + "shows what is in force)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("Interrupted while recording the change", ex);
        }
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface Transition {
        CapabilityState apply(CapabilityState current, String changeId, Instant at);
    }
}
