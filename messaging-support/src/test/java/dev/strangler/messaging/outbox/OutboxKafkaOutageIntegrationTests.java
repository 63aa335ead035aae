package dev.strangler.messaging.outbox;

import dev.strangler.devstack.kafka.KafkaBroker;
import dev.strangler.messaging.outbox.OutboxTestApplication.ThingChanged;
import dev.strangler.messaging.support.SharedKafka;
import dev.strangler.messaging.support.TestInfrastructure;
import dev.strangler.messaging.support.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A service starts while Kafka is down, keeps accepting changes, and publishes them once the broker is back, on topics
 * it creates then. And a service without the outbox table does not start at all.
 */
class OutboxKafkaOutageIntegrationTests {

    static final String TOPIC = "outage.things";

    private KafkaBroker broker;
    private ConfigurableApplicationContext service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void startsWithKafkaDownAndPublishesWhatWasCommittedOnceTheBrokerIsBack() {
        broker = SharedKafka.startPrivate();
        broker.stop();
        String url = TestInfrastructure.databaseWithOutbox("outbox_outage");

        Instant starting = Instant.now();
        service = new SpringApplicationBuilder(OutboxTestApplication.class)
                .properties("spring.application.name=messaging-test", "spring.datasource.url=" + url,
                        "spring.datasource.username=postgres", "spring.datasource.password=postgres",
                        "spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "strangler.events.topics=" + TOPIC, "spring.main.banner-mode=off")
                .run();
        assertThat(Duration.between(starting, Instant.now())).isLessThan(Duration.ofSeconds(15));

        new TransactionTemplate(service.getBean(PlatformTransactionManager.class)).executeWithoutResult(status ->
                service.getBean(EventOutbox.class).append(TOPIC, "1", "thing.changed", "1",
                        new ThingChanged(1, "while Kafka is down", Instant.now(), 0)));
        var jdbc = service.getBean(JdbcTemplate.class);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                jdbc.queryForObject("select count(*) from event_outbox where sent_at is null", Integer.class) == 1);

        broker.restart().waitUntilReady(Duration.ofSeconds(90));

        try (var topic = new TopicReader(broker.bootstrapServers(), TOPIC)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().size() == 1);
            assertThat(topic.partitions()).isEqualTo(3);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("select count(*) from event_outbox where sent_at is null", Integer.class) == 0);
    }

    @Test
    void refusesToStartWithoutTheOutboxTable() {
        TestInfrastructure.postgres().recreateDatabase("no_outbox");

        assertThatThrownBy(() -> new SpringApplicationBuilder(OutboxTestApplication.class)
                .properties("spring.application.name=messaging-test",
                        "spring.datasource.url=" + TestInfrastructure.postgres().jdbcUrl("no_outbox"),
                        "spring.datasource.username=postgres", "spring.datasource.password=postgres",
                        "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafka(), "spring.main.banner-mode=off")
                .run())
                .hasStackTraceContaining("copy messaging-support's dev/strangler/messaging/outbox/event_outbox.postgresql.sql");
    }
}
