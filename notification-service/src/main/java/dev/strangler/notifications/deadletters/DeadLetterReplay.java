package dev.strangler.notifications.deadletters;

import dev.strangler.notifications.delivery.EventTypes;
import dev.strangler.notifications.delivery.Notifications;
import dev.strangler.notifications.delivery.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every dead letter of the e-mail topics ({@code user.created.DLT}, {@code order.created.DLT}) from the start
 * to the current end and hands each to the same transactional handler as the listener. The inbox makes it
 * idempotent: an event handled before is counted as already done and sends nothing, so an operator may run it as
 * often as they like. It commits no offsets and deletes nothing: the dead-letter topic stays the record of what
 * failed, and a second run simply finds everything done.
 */
@Component
class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    static final List<String> TOPICS = List.of(EventTypes.USER_CREATED + ".DLT", EventTypes.ORDER_CREATED + ".DLT");
    private static final int REASONS_SHOWN = 10;

    private final KafkaProperties kafka;
    private final Notifications notifications;
    private final MeterRegistry meters;

    DeadLetterReplay(KafkaProperties kafka, Notifications notifications, MeterRegistry meters) {
        this.kafka = kafka;
        this.notifications = notifications;
        this.meters = meters;
    }

    /** One replay at a time: two at once would only wait on each other's inbox rows. */
    synchronized ReplayResult replay() {
        int replayed = 0;
        int alreadyDone = 0;
        List<String> failures = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!end.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long last = end.get(partition);
                    if (last == null || record.offset() >= last) {
                        continue;
                    }
                    try {
                        Outcome outcome = notifications.handle(record);
                        if (outcome == Outcome.ALREADY_DONE) {
                            alreadyDone++;
                        }
                        else {
                            replayed++;
                        }
                    }
                    catch (RuntimeException ex) {
                        String reason = record.topic() + "@" + record.partition() + ":" + record.offset() + ": "
                                + ex.getMessage();
                        log.warn("Dead letter still fails: {}", reason);
                        failures.add(reason);
                    }
                }
                end.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
            }
            if (!end.isEmpty()) {
                failures.add("stopped after 2 minutes before the end of " + end.keySet());
            }
        }
        meters.counter("strangler.notifications.dead.letters.replayed", "outcome", "replayed").increment(replayed);
        meters.counter("strangler.notifications.dead.letters.replayed", "outcome", "already-done")
                .increment(alreadyDone);
        meters.counter("strangler.notifications.dead.letters.replayed", "outcome", "failed")
                .increment(failures.size());
        return new ReplayResult(replayed, alreadyDone, failures.size(),
                failures.subList(0, Math.min(failures.size(), REASONS_SHOWN)));
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // No group: partitions are assigned by hand and nothing is committed, so every run reads the whole topic.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-service-dlt-replay");
        return config;
    }
}
