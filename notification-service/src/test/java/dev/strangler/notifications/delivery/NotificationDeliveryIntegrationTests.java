package dev.strangler.notifications.delivery;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.notifications.support.NotificationServiceIntegrationTest;
import dev.strangler.notifications.support.RealInfrastructure;
import dev.strangler.notifications.support.ShopEvents;
import dev.strangler.notifications.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.strangler.notifications.support.ShopEvents.email;
import static dev.strangler.notifications.support.ShopEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * notification-service on a real broker, real PostgreSQL and a real SMTP server: one e-mail per event, rendered as
 * text and HTML; events the monolith already e-mailed are recorded, never sent; a redelivered or replayed event sends
 * nothing more; poison goes to the dead-letter topic at once and the partition moves on.
 */
@NotificationServiceIntegrationTest
class NotificationDeliveryIntegrationTests {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    ShopEvents events;

    @BeforeEach
    void consumerAssigned() {
        events = new ShopEvents(new EventSender(kafka, json));
        ShopEvents.awaitConsumerAssigned(listeners);
    }

    @Test
    void userCreatedShouldSendOneWelcomeAsTextAndHtmlWithTheEventsMessageId() throws Exception {
        long user = newId();
        String eventId = events.userCreated(user, "Ada <Lovelace>");

        MimeMessage mail = awaitOneMailTo(email(user));

        assertThat(mail.getSubject()).isEqualTo("Welcome to Strangler Shop, Ada <Lovelace>");
        assertThat(mail.getMessageID()).isEqualTo("<" + eventId + "@notification-service.strangler.dev>");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("shop@strangler.dev");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Hello Ada <Lovelace>,")
                .contains("/users/" + user);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        // The HTML mode escapes what users typed.
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Hello <span>Ada &lt;Lovelace&gt;</span>,")
                .doesNotContain("<Lovelace>");
        assertThat(status(eventId)).isEqualTo("SENT");
    }

    @Test
    void orderCreatedShouldSendOneConfirmationWithLinesQuantitiesUnitPricesAndTotal() throws Exception {
        long user = newId();
        events.userCreated(user, "Grace Hopper");
        awaitOneMailTo(email(user));
        long order = newId();

        String eventId = events.orderCreated(order, user);

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(user)).size() == 2);
        MimeMessage mail = TestSmtp.to(email(user)).get(1);
        assertThat(mail.getSubject()).isEqualTo("Your Strangler Shop order #" + order);
        var parts = (MimeMultipart) mail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("thank you for your order #" + order)
                .contains("  2 x Coffee beans (COF-1) at 12.50 EUR = 25.00 EUR")
                .contains("  1 x Mug <large> (MUG-7) at 8.00 EUR = 8.00 EUR")
                .contains("Total: 33.00 EUR");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("<td>Coffee beans</td>").contains("<td>Mug &lt;large&gt;</td>")
                .contains("12.50 EUR").contains("25.00 EUR").contains("<strong>33.00 EUR</strong>");
        assertThat(status(eventId)).isEqualTo("SENT");
    }

    @Test
    void orderBeforeItsUserShouldBeRetriedAndSentOnceTheUserArrives() {
        long user = newId();
        String orderEvent = events.orderCreated(newId(), user);
        events.userCreated(user, "Late Arrival");

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(user)).size() == 2);
        assertThat(status(orderEvent)).isEqualTo("SENT");
    }

    @Test
    void eventsTheMonolithAlreadyEmailedShouldBeRecordedAndNeverSent() {
        long user = newId();
        long order = newId();
        String welcome = events.send("user.created", UUID.randomUUID(), Long.toString(user),
                ShopEvents.user(user, "Marked", 0), true);
        String confirmation = events.send("order.created", UUID.randomUUID(), Long.toString(order),
                ShopEvents.order(order, user), true);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(welcome) != null && status(confirmation) != null);
        assertThat(status(welcome)).isEqualTo("SENT_BY_MONOLITH");
        assertThat(status(confirmation)).isEqualTo("SENT_BY_MONOLITH");
        assertThat(jdbc.queryForList("select notified_by from notifications where event_id in (?, ?)", String.class,
                welcome, confirmation)).containsExactly("monolith", "monolith");
        assertThat(TestSmtp.to(email(user))).isEmpty();
        // What the service would have sent is recorded for the history.
        assertThat(jdbc.queryForList("select subject from notifications where recipient = ? order by id",
                String.class, email(user))).containsExactly("Welcome to Strangler Shop, Marked",
                "Your Strangler Shop order #" + order);
    }

    @Test
    void redeliveredEventShouldSendNothingMore() {
        long user = newId();
        UUID eventId = UUID.randomUUID();
        String key = Long.toString(user);
        events.send("user.created", eventId, key, ShopEvents.user(user, "Twice", 0), false);
        // The same event again, as a relay that did not see its first send acknowledged publishes it.
        events.send("user.created", eventId, key, ShopEvents.user(user, "Twice", 0), false);

        // A later event of the same partition: once it is through, so is the duplicate.
        long sentinel = newId();
        events.send("user.created", UUID.randomUUID(), key, ShopEvents.user(sentinel, "Sentinel", 0), false);
        awaitOneMailTo(email(sentinel));

        assertThat(TestSmtp.to(email(user))).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from notifications where event_id = ?", Long.class,
                eventId.toString())).isEqualTo(1);
    }

    @Test
    void replayOfTheTopicsFromTheStartShouldSendNothingMore() throws Exception {
        long user = newId();
        events.userCreated(user, "Replayed");
        long order = newId();
        events.orderCreated(order, user);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(user)).size() == 2);

        var containers = List.of(listeners.getListenerContainer("notifications-users"),
                listeners.getListenerContainer("notifications-orders"));
        containers.forEach(container -> container.stop());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka()))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (String topic : List.of("user.created", "user.updated", "order.created")) {
                for (int partition = 0; partition < 3; partition++) {
                    start.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
                }
            }
            admin.alterConsumerGroupOffsets("notification-service-it", start).all().get();
        }
        containers.forEach(container -> container.start());
        ShopEvents.awaitConsumerAssigned(listeners);

        // Sentinels behind the replayed records on the partitions of both events.
        long sentinel = newId();
        events.send("user.created", UUID.randomUUID(), Long.toString(user), ShopEvents.user(sentinel, "S", 0), false);
        events.send("order.created", UUID.randomUUID(), Long.toString(order), ShopEvents.order(newId(), sentinel),
                false);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestSmtp.to(email(sentinel)).size() == 2);

        assertThat(TestSmtp.to(email(user))).hasSize(2);
    }

    @Test
    void poisonShouldBeDeadLetteredAtOnceWithItsReasonAndThePartitionMoveOn() {
        long user = newId();
        String key = Long.toString(user);
        UUID notJson = UUID.randomUUID();
        events.sender().send("order.created", key,
                CloudEventHeaders.of(notJson, "order.created", "monolith", java.time.Instant.now(), key), "{oops");
        UUID unknownType = UUID.randomUUID();
        events.sender().send("order.created", key,
                CloudEventHeaders.of(unknownType, "order.cancelled", "monolith", java.time.Instant.now(), key),
                "{\"id\":1}");
        events.send("order.created", UUID.randomUUID(), key, ShopEvents.order(newId(), user), false);
        events.userCreated(user, "After poison");

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(user)).size() == 2);
        try (var reader = new TopicReader(RealInfrastructure.kafka(), "order.created.DLT")) {
            var notJsonLetter = reader.awaitFirst(record -> notJson.toString()
                    .equals(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID)));
            var unknownTypeLetter = reader.awaitFirst(record -> unknownType.toString()
                    .equals(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID)));
            assertThat(reason(notJsonLetter)).isEqualTo("body is not JSON");
            assertThat(reason(unknownTypeLetter)).isEqualTo("unknown type order.cancelled on order.created");
            assertThat(notJsonLetter.value()).isEqualTo("{oops");
        }
    }

    private static String reason(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("strangler-dlt-reason").value(), StandardCharsets.UTF_8);
    }

    private String status(String eventId) {
        return jdbc.query("select status from notifications where event_id = ?",
                (rs, row) -> rs.getString(1), eventId).stream().findFirst().orElse(null);
    }

    static MimeMessage awaitOneMailTo(String address) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !TestSmtp.to(address).isEmpty());
        List<MimeMessage> mails = TestSmtp.to(address);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }
}
