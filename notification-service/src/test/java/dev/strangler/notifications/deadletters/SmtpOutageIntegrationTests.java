package dev.strangler.notifications.deadletters;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.notifications.support.Admin;
import dev.strangler.notifications.support.NotificationServiceIntegrationTest;
import dev.strangler.notifications.support.RealInfrastructure;
import dev.strangler.notifications.support.ShopEvents;
import dev.strangler.notifications.support.TestSmtp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.strangler.notifications.support.ShopEvents.email;
import static dev.strangler.notifications.support.ShopEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real SMTP server stopped and started again: a short outage is ridden out by the retries (one e-mail, late); a
 * long one dead-letters the event with its reason, without holding the partition, and the admin replay sends it once
 * the server is back, exactly once however often it is run.
 */
@NotificationServiceIntegrationTest
class SmtpOutageIntegrationTests {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MockMvcTester mvc;

    ShopEvents events;

    @BeforeEach
    void consumerAssigned() {
        events = new ShopEvents(new EventSender(kafka, json));
        ShopEvents.awaitConsumerAssigned(listeners);
    }

    @AfterEach
    void smtpBack() {
        TestSmtp.start();
    }

    @Test
    void shortOutageShouldBeRetriedAndSendOneEmailOnceTheServerIsBack() {
        double failedBefore = count("strangler.notifications.failed");
        double retriedBefore = count("strangler.notifications.retried");
        TestSmtp.stop();
        long user = newId();
        events.userCreated(user, "Patient");

        await().atMost(Duration.ofSeconds(20)).until(() -> count("strangler.notifications.failed") >= failedBefore + 2);
        TestSmtp.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(user)).size() == 1);
        assertThat(count("strangler.notifications.retried")).isGreaterThan(retriedBefore);
        // Nothing more arrives from later retries: a sentinel on the same partition comes after it.
        long sentinel = newId();
        events.send("user.created", java.util.UUID.randomUUID(), Long.toString(user),
                ShopEvents.user(sentinel, "Sentinel", 0), false);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(email(sentinel)).size() == 1);
        assertThat(TestSmtp.to(email(user))).hasSize(1);
    }

    @Test
    void longOutageShouldDeadLetterWithTheReasonAndTheReplaySendItExactlyOnce() throws Exception {
        double deadLetteredBefore = count("strangler.notifications.dead.lettered");
        TestSmtp.stop();
        long user = newId();
        String eventId = events.userCreated(user, "Unlucky");

        // 1 + 4 retries over about 4 s, then the dead-letter topic; the partition moves on.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("strangler.notifications.dead.lettered") > deadLetteredBefore);
        try (var reader = new TopicReader(RealInfrastructure.kafka(), "user.created.DLT")) {
            var letter = reader.awaitFirst(record -> eventId.equals(
                    CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID)));
            assertThat(new String(letter.headers().lastHeader("strangler-dlt-reason").value(), StandardCharsets.UTF_8))
                    .startsWith("gave up after retries: SMTP failed for event " + eventId);
        }
        TestSmtp.start();
        assertThat(TestSmtp.to(email(user))).isEmpty();

        assertThat(mvc.post().uri("/admin/notifications/dead-letters/replay")).hasStatus(401);
        JsonNode first = replay();
        assertThat(first.get("replayed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(TestSmtp.to(email(user))).hasSize(1);

        JsonNode second = replay();
        assertThat(second.get("replayed").asInt()).isZero();
        assertThat(second.get("alreadyDone").asInt())
                .isEqualTo(first.get("replayed").asInt() + first.get("alreadyDone").asInt());
        assertThat(TestSmtp.to(email(user))).hasSize(1);
    }

    private JsonNode replay() throws Exception {
        var result = mvc.post().uri("/admin/notifications/dead-letters/replay")
                .header(HttpHeaders.AUTHORIZATION, Admin.AUTHORIZATION).exchange();
        assertThat(result).hasStatusOk();
        return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private double count(String name) {
        return meters.find(name).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }
}
