package dev.strangler.monolith.users.replication;

import dev.strangler.messaging.support.EventSender;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.StoppablePostgres;
import dev.strangler.monolith.support.UserEventFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static dev.strangler.monolith.support.UserEventFixtures.SERVICE;
import static dev.strangler.monolith.support.UserEventFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops while a user event arrives: the consumer retries with back-off, holding its partition, and applies
 * the event once the database is back; nothing goes to the dead-letter topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strangler.seed.enabled=false",
        "strangler.users.replication.group-id=monolith-replication-outage-it",
        "strangler.orders.replication.enabled=false",
        "spring.kafka.consumer.auto-offset-reset=latest",
        "strangler.events.retry.max-interval=1s"})
@ContextConfiguration(initializers = {RealInfrastructure.class, StoppablePostgres.class})
class UserReplicationOutageIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @AfterAll
    static void stopPostgres() {
        StoppablePostgres.stop();
    }

    private long failedDeliveries() {
        return meters.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private Long versionOf(long id) {
        return jdbc.query("select version from users where id = ?", rs -> rs.next() ? rs.getLong(1) : null, id);
    }

    @Test
    void eventArrivingWhilePostgresIsDownIsRetriedAndAppliedWhenItIsBack() {
        UserEventFixtures.awaitConsumerAssigned(listeners);
        var producer = new EventSender(kafka, json);
        producer.send("user.created", SERVICE, "6001", user(6001, "before the outage", 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(0).equals(versionOf(6001)));

        StoppablePostgres.stop();
        long failedBefore = failedDeliveries();
        var sent = producer.send("user.updated", SERVICE, "6001", user(6001, "during the outage", 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> failedDeliveries() >= failedBefore + 3);
        StoppablePostgres.restart();

        // The pool notices the restart on its own; the first reads after it may still fail.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Long.valueOf(1).equals(versionOf(6001)));
        assertThat(jdbc.queryForObject("select name from users where id = 6001", String.class))
                .isEqualTo("during the outage");
        try (var deadLetters = new TopicReader(RealInfrastructure.kafka(), "user.updated.DLT")) {
            assertThat(deadLetters.poll()).noneMatch(record -> record.key().equals("6001"));
        }
        assertThat(sent.getRecordMetadata().topic()).isEqualTo("user.updated");
    }
}
