package dev.strangler.notifications.contracts;

import dev.strangler.messaging.support.contracts.StubEventSender;
import dev.strangler.notifications.support.LoopbackStubServer;
import dev.strangler.notifications.support.NotificationServiceIntegrationTest;
import dev.strangler.notifications.support.ShopEvents;
import dev.strangler.notifications.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.contract.stubrunner.StubTrigger;
import org.springframework.cloud.contract.stubrunner.spring.AutoConfigureStubRunner;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * notification-service as a subscriber of its producers' contracts: Stub Runner puts the messages of user-service's
 * user events ({@code contracts/user-service/subscribers}) and of the monolith's {@code order.created}
 * ({@code contracts/monolith/subscribers}), both verified against their producers, on the real broker, and the service
 * must send (or, for the marked one, only record) the e-mail. What the producers promise to send is what this service
 * can read. Each contract message has a fixed event id, so each is triggered once per test JVM.
 */
@NotificationServiceIntegrationTest
@AutoConfigureStubRunner(ids = {"dev.strangler:user-service:+:stubs", "dev.strangler:monolith:+:stubs"},
        stubsMode = StubsMode.CLASSPATH, stubsPerConsumer = true, consumerName = "subscribers",
        httpServerStubConfigurer = LoopbackStubServer.class)
@Import(StubEventSender.class)
@TestPropertySource(properties = {
        // A group of its own that starts at the end of the topics: the other test context's consumer keeps its own.
        "strangler.notifications.group-id=notification-service-contracts-it",
        "spring.kafka.consumer.auto-offset-reset=latest",
        "spring.cloud.contract.stubrunner.cloud.enabled=false"})
class ProducerStubsIntegrationTests {

    /** The users of the contracts: user-service's Mary (ADR 0013 range) and the monolith's Ada. */
    static final String MARY = "mary@example.com";
    static final String ADA = "ada@example.com";

    @Autowired
    StubTrigger stubs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void consumerAssigned() {
        ShopEvents.awaitConsumerAssigned(listeners);
    }

    @Test
    void userCreatedByUserServiceShouldBeWelcomedAndUpdatedKeepTheReplicaNewest() throws Exception {
        stubs.trigger("user_created");

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(MARY).size() == 1);
        MimeMessage mail = TestSmtp.to(MARY).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Welcome to Strangler Shop, Mary Shelley");
        assertThat(mail.getMessageID()).isEqualTo("<0f5e8a3c-7d2b-4e91-a6c4-3b8d1f2e9a70@notification-service.strangler.dev>");
        assertThat(status("0f5e8a3c-7d2b-4e91-a6c4-3b8d1f2e9a70")).isEqualTo("SENT");

        stubs.trigger("user_updated");

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select version from recipients where id = 1000000000", Long.class) == 1);
        assertThat(jdbc.queryForObject("select email from recipients where id = 1000000000", String.class))
                .isEqualTo("mary.shelley@example.com");
        // An update sends nothing.
        assertThat(TestSmtp.to("mary.shelley@example.com")).isEmpty();
    }

    @Test
    void orderCreatedByTheMonolithShouldBeConfirmedOnceAndTheMarkedOneOnlyRecorded() throws Exception {
        // The contracts' user 42, as user.created would have brought it.
        jdbc.update("insert into recipients (id, email, name, version) values (42, ?, 'Ada Lovelace', 0) "
                + "on conflict (id) do nothing", ADA);

        stubs.trigger("order_created");

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(ADA).size() == 1);
        MimeMessage mail = TestSmtp.to(ADA).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your Strangler Shop order #1001");
        assertThat((String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent())
                .contains("1 x Kettle (KET-001) at 24.90 EUR = 24.90 EUR")
                .contains("3 x Mug (MUG-001) at 7.50 EUR = 22.50 EUR")
                .contains("Total: 47.40 EUR");

        stubs.trigger("order_created_notified_by_monolith");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status("2d8f6a1c-3b5e-4f70-9a2b-c4d6e8f0a1b3") != null);
        assertThat(status("2d8f6a1c-3b5e-4f70-9a2b-c4d6e8f0a1b3")).isEqualTo("SENT_BY_MONOLITH");
        assertThat(TestSmtp.to(ADA)).hasSize(1);
        assertThat(jdbc.queryForList("select status from notifications where recipient = ? order by id", String.class,
                ADA)).isEqualTo(List.of("SENT", "SENT_BY_MONOLITH"));
    }

    private String status(String eventId) {
        return jdbc.query("select status from notifications where event_id = ?", (rs, row) -> rs.getString(1),
                eventId).stream().findFirst().orElse(null);
    }
}
