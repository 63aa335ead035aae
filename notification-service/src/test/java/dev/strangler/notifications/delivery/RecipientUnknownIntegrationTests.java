package dev.strangler.notifications.delivery;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.notifications.support.NotificationServiceIntegrationTest;
import dev.strangler.notifications.support.RealInfrastructure;
import dev.strangler.notifications.support.ShopEvents;
import dev.strangler.notifications.support.TestSmtp;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.strangler.notifications.support.ShopEvents.email;
import static dev.strangler.notifications.support.ShopEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@code order.created} whose user the replica does not have. Unmarked, it is ours to send and needs the address:
 * retried, then dead-lettered with its reason, nothing recorded. Marked {@code strangler-notified-by} (the monolith
 * e-mailed it inline, or it is a republished or repaired order whose e-mail went out long ago), nothing is sent, so it
 * needs no address: recorded at once, with who sent it, and the partition flows on (an orders backfill that runs
 * before the users backfill must not hold the partitions for half a minute per order, and dead-letter them all).
 */
@NotificationServiceIntegrationTest
class RecipientUnknownIntegrationTests {

    /**
     * What the test profile's retries take before giving up: 0.3 + 0.6 + 1.2 + 2 s. A marked order recorded sooner
     * than that was not waiting for its user.
     */
    private static final Duration RETRY_BUDGET = Duration.ofMillis(4_100);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    ShopEvents events;

    @BeforeEach
    void consumerAssigned() {
        events = new ShopEvents(new EventSender(kafka, json));
        ShopEvents.awaitConsumerAssigned(listeners);
    }

    @Test
    void markedOrderOfAnUnknownUserShouldBeRecordedAtOnceAndThePartitionFlowOn() throws Exception {
        long known = newId();
        events.userCreated(known, "Known");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(known)).size() == 1);
        long stranger = newId();
        long markedOrder = newId();
        // One key for both orders: one partition, the marked one first.
        String key = Long.toString(markedOrder);

        Instant sentAt = Instant.now();
        String marked = events.send("order.created", UUID.randomUUID(), key, ShopEvents.order(markedOrder, stranger),
                "order-service");
        long followingOrder = newId();
        String following = events.send("order.created", UUID.randomUUID(), key,
                ShopEvents.order(followingOrder, known), false);

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(known)).size() == 2);
        assertThat(TestSmtp.to(email(known)).get(1).getSubject())
                .isEqualTo("Your Strangler Shop order #" + followingOrder);
        assertThat(row(following).get("status")).isEqualTo("SENT");
        assertThat(row(following).get("notified_by")).isNull();

        Map<String, Object> record = row(marked);
        assertThat(record).containsEntry("kind", "ORDER_CONFIRMATION")
                .containsEntry("recipient", "user-" + stranger + "@recipient-unknown.invalid")
                .containsEntry("subject", "Your Strangler Shop order #" + markedOrder)
                .containsEntry("status", "SENT_BY_MONOLITH")
                .containsEntry("notified_by", "order-service")
                .containsEntry("message_id", "<" + marked + "@notification-service.strangler.dev>");
        // Handled on its first delivery: a retried one would have been claimed (at best) after the whole back-off.
        Instant claimedAt = jdbc.queryForObject("select processed_at from processed_events where event_id = ?",
                Timestamp.class, marked).toInstant();
        assertThat(Duration.between(sentAt, claimedAt)).isLessThan(RETRY_BUDGET);
        assertThat(TestSmtp.to(email(stranger))).isEmpty();
        assertThat(TestSmtp.to("user-" + stranger + "@recipient-unknown.invalid")).isEmpty();
        assertThat(deadLetterIds()).doesNotContain(marked, following);
    }

    @Test
    void userArrivingAfterItsMarkedOrderShouldGiveTheRecordItsAddressAndStillNotBeSentTheOrder() {
        long user = newId();
        long order = newId();
        String marked = events.send("order.created", UUID.randomUUID(), Long.toString(order),
                ShopEvents.order(order, user), "monolith");
        await().atMost(Duration.ofSeconds(30)).until(() -> row(marked) != null);
        assertThat(row(marked)).containsEntry("recipient", "user-" + user + "@recipient-unknown.invalid");

        events.userCreated(user, "Late");

        await().atMost(Duration.ofSeconds(30)).until(() -> email(user).equals(row(marked).get("recipient")));
        assertThat(jdbc.queryForList("select subject from notifications where recipient = ? order by id",
                String.class, email(user))).containsExactly("Your Strangler Shop order #" + order,
                "Welcome to Strangler Shop, Late");
        // The welcome is ours to send; the order was the monolith's.
        assertThat(TestSmtp.to(email(user))).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("Welcome to Strangler Shop, Late"));
    }

    @Test
    void markedOrderOfAKnownUserShouldBeRecordedWithTheAddressAndNeverSent() {
        long user = newId();
        events.userCreated(user, "Already Mailed");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(user)).size() == 1);
        long order = newId();

        String marked = events.send("order.created", UUID.randomUUID(), Long.toString(order),
                ShopEvents.order(order, user), "monolith");

        await().atMost(Duration.ofSeconds(30)).until(() -> row(marked) != null);
        assertThat(row(marked)).containsEntry("recipient", email(user))
                .containsEntry("subject", "Your Strangler Shop order #" + order)
                .containsEntry("status", "SENT_BY_MONOLITH")
                .containsEntry("notified_by", "monolith");
        assertThat(TestSmtp.to(email(user))).hasSize(1);
    }

    @Test
    void unmarkedOrderOfAnUnknownUserShouldStillBeRetriedThenDeadLetteredWithItsReason() {
        double failedBefore = count("strangler.notifications.failed", "reason", "recipient-unknown");
        double retriedBefore = count("strangler.notifications.retried", "topic", "order.created");
        long stranger = newId();
        long order = newId();

        String eventId = events.orderCreated(order, stranger);

        try (var reader = new TopicReader(RealInfrastructure.kafka(), "order.created.DLT")) {
            var letter = reader.awaitFirst(record -> eventId.equals(
                    CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID)));
            assertThat(new String(letter.headers().lastHeader("strangler-dlt-reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("gave up after retries: order " + order + ": user " + stranger + " is not known yet");
        }
        // The first delivery and the four retries each failed for want of the user.
        assertThat(count("strangler.notifications.failed", "reason", "recipient-unknown"))
                .isGreaterThanOrEqualTo(failedBefore + 5);
        assertThat(count("strangler.notifications.retried", "topic", "order.created"))
                .isGreaterThanOrEqualTo(retriedBefore + 4);
        assertThat(row(eventId)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from processed_events where event_id = ?", Long.class,
                eventId)).isZero();
        assertThat(TestSmtp.to(email(stranger))).isEmpty();
    }

    private Map<String, Object> row(String eventId) {
        return jdbc.queryForList("""
                        select kind, recipient, subject, status, notified_by, message_id
                        from notifications where event_id = ?""", eventId)
                .stream().findFirst().orElse(null);
    }

    private double count(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    /**
     * The event ids on {@code order.created.DLT}, read to its current end (none if nothing was ever dead-lettered and
     * the topic does not exist). A dead letter is published before the partition moves on, so once a later record of
     * the same partition is handled, its predecessor's dead letter, had there been one, is in here.
     */
    private static List<String> deadLetterIds() {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false))) {
            var partitions = consumer.listTopics().getOrDefault("order.created.DLT", List.of()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            List<String> ids = new ArrayList<>();
            if (partitions.isEmpty()) {
                return ids;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> ids.add(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID)));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            return ids;
        }
    }
}
