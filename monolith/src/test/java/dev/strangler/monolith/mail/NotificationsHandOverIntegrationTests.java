package dev.strangler.monolith.mail;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.migration.MigrationStateTopic;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monolith's side of the e-mail hand-over (ADR 0025), following the gateway's {@code notifications} capability on
 * a migration state topic of this test's own: while MONOLITH it sends each welcome and confirmation over real SMTP and
 * marks the event {@code strangler-notified-by: monolith}; once SERVICE it sends nothing, records nothing and leaves
 * the event unmarked for notification-service; and back again.
 */
@MonolithIntegrationTest
class NotificationsHandOverIntegrationTests {

    static final MigrationStateTopic migration = new MigrationStateTopic();

    @DynamicPropertySource
    static void followTheMigration(DynamicPropertyRegistry registry) {
        registry.add("strangler.migration.enabled", () -> "true");
        registry.add("strangler.migration.topic", migration::name);
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MigrationStateFollower follower;

    @Autowired
    MeterRegistry meters;

    ShopFixtures shop;
    long product;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
        product = shop.product("PEN-001", "3.20", 100);
        notifications("MONOLITH");
    }

    private void notifications(String mode) {
        migration.publishMode("notifications", mode);
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.routing("notifications").mode().equals(mode));
    }

    private long register(String email) {
        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"%s\", \"name\": \"Reader\"}".formatted(email)).exchange();
        assertThat(result).hasStatus(201);
        return jdbc.queryForObject("select id from users where email = ?", Long.class, email);
    }

    private long order(long user) {
        var result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                {"userId": %d, "lines": [{"productId": %d, "quantity": 1}]}""".formatted(user, product)).exchange();
        assertThat(result).hasStatus(201);
        return jdbc.queryForObject("select max(id) from orders where user_id = ?", Long.class, user);
    }

    /** The mark the event carries on Kafka, or null: what notification-service will see. */
    private String markOn(String topic, String key) {
        UUID eventId = jdbc.queryForObject("select event_id from event_outbox where topic = ? and message_key = ?",
                UUID.class, topic, key);
        try (var reader = new TopicReader(RealInfrastructure.kafka(), topic)) {
            ConsumerRecord<String, String> record = reader.awaitFirst(candidate -> eventId.toString()
                    .equals(CloudEventHeaders.text(candidate.headers(), CloudEventHeaders.ID)));
            assertThat(record.headers().headers(MailDuty.NOTIFIED_BY)).hasSizeLessThanOrEqualTo(1);
            return CloudEventHeaders.text(record.headers(), MailDuty.NOTIFIED_BY);
        }
    }

    private static long mailsTo(String recipient) {
        return Arrays.stream(RealInfrastructure.smtp().getReceivedMessages())
                .filter(message -> recipients(message).contains(recipient))
                .count();
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        }
        catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private double handedOver(EmailKind kind) {
        var counter = meters.find("shop_emails_total").tag("kind", kind.name()).tag("outcome", "handed_over").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void whileTheMonolithSendsEmailEachRegistrationAndOrderGetsOneMailAndAMarkedEvent() {
        long user = register("ada@example.com");
        long order = order(user);

        assertThat(mailsTo("ada@example.com")).isEqualTo(2);
        assertThat(jdbc.queryForList("select kind from sent_emails order by id", String.class))
                .containsExactly("WELCOME", "ORDER_CONFIRMATION");
        assertThat(markOn("user.created", Long.toString(user))).isEqualTo("monolith");
        assertThat(markOn("order.created", Long.toString(order))).isEqualTo("monolith");
    }

    @Test
    void onceNotificationServiceSendsEmailTheMonolithSendsNothingAndLeavesTheEventsUnmarked() {
        double welcomesBefore = handedOver(EmailKind.WELCOME);
        double confirmationsBefore = handedOver(EmailKind.ORDER_CONFIRMATION);
        notifications("SERVICE");

        long user = register("grace@example.com");
        long order = order(user);

        // Mail goes out inside the request, so by now anything the monolith sent would have arrived.
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from sent_emails", Integer.class)).isZero();
        assertThat(markOn("user.created", Long.toString(user))).isNull();
        assertThat(markOn("order.created", Long.toString(order))).isNull();
        assertThat(handedOver(EmailKind.WELCOME)).isEqualTo(welcomesBefore + 1);
        assertThat(handedOver(EmailKind.ORDER_CONFIRMATION)).isEqualTo(confirmationsBefore + 1);
    }

    @Test
    void backOnTheMonolithItSendsAndMarksAgain() {
        notifications("SERVICE");
        long handedOverUser = register("linus@example.com");
        notifications("MONOLITH");

        long user = register("margaret@example.com");
        long order = order(user);

        assertThat(mailsTo("linus@example.com")).isZero();
        assertThat(mailsTo("margaret@example.com")).isEqualTo(2);
        assertThat(markOn("user.created", Long.toString(handedOverUser))).isNull();
        assertThat(markOn("user.created", Long.toString(user))).isEqualTo("monolith");
        assertThat(markOn("order.created", Long.toString(order))).isEqualTo("monolith");
    }

    @Test
    void aModeThisVersionDoesNotKnowKeepsTheMonolithSending() {
        notifications("SOMETHING_NEW");

        long user = register("barbara@example.com");

        assertThat(mailsTo("barbara@example.com")).isOne();
        assertThat(markOn("user.created", Long.toString(user))).isEqualTo("monolith");
    }
}
