package dev.strangler.monolith.users.replication;

import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.contracts.StubEventSender;
import dev.strangler.monolith.support.LoopbackStubServer;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.UserEventFixtures;
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

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monolith as a subscriber of user-service's events: Stub Runner puts the messages of user-service's contracts
 * ({@code contracts/user-service/subscribers}, which user-service and the monolith are verified against as producers)
 * on the real broker, and the monolith's replication must apply them to its legacy table. What user-service promises
 * to send is what the monolith can read.
 */
@MonolithIntegrationTest
@AutoConfigureStubRunner(ids = "dev.strangler:user-service:+:stubs", stubsMode = StubsMode.CLASSPATH,
        stubsPerConsumer = true, consumerName = "subscribers", httpServerStubConfigurer = LoopbackStubServer.class)
@Import(StubEventSender.class)
@TestPropertySource(properties = {
        "strangler.users.replication.enabled=true",
        // A group of its own that starts at the end of the topics: earlier tests' events are not this test's.
        "strangler.users.replication.group-id=monolith-replication-stubs-it",
        "spring.kafka.consumer.auto-offset-reset=latest",
        "spring.cloud.contract.stubrunner.cloud.enabled=false"})
class UserEventStubsIntegrationTests {

    /** The user of the stubs' messages: an id from user-service's range (ADR 0013). */
    static final long USER = 1_000_000_000L;

    @Autowired
    StubTrigger stubs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void consumerAssigned() {
        UserEventFixtures.awaitConsumerAssigned(listeners);
    }

    @Test
    void userCreatedByTheServiceShouldBeInsertedWithItsIdAndVersion() {
        stubs.trigger("user_created");

        Map<String, Object> row = awaitRow(0);
        assertThat(row).containsEntry("email", "mary@example.com").containsEntry("name", "Mary Shelley");
        assertThat(((Timestamp) row.get("created_at")).toInstant())
                .isEqualTo(Instant.parse("2026-11-24T10:15:30.123456Z"));
    }

    @Test
    void userUpdatedByTheServiceShouldReplaceTheRowWithTheNewerVersion() {
        stubs.trigger("user_created");
        awaitRow(0);

        stubs.trigger("user_updated");

        Map<String, Object> row = awaitRow(1);
        assertThat(row).containsEntry("email", "mary.shelley@example.com")
                .containsEntry("name", "Mary Wollstonecraft Shelley");
        assertThat(((Timestamp) row.get("updated_at")).toInstant())
                .isEqualTo(Instant.parse("2026-11-24T10:20:00.654321Z"));
    }

    private Map<String, Object> awaitRow(long version) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                        "select email, name, created_at, updated_at, version from users where id = ?", USER).stream()
                .filter(row -> ((Number) row.get("version")).longValue() == version)
                .findFirst().orElse(null), row -> row != null);
    }
}
