package dev.strangler.messaging.outbox;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.outbox.OutboxTestApplication.ThingChanged;
import dev.strangler.messaging.support.TestInfrastructure;
import dev.strangler.messaging.support.TopicReader;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The outbox against real PostgreSQL and a real Kafka broker: what is committed is published once the transaction
 * commits, with the key and headers of ADR 0012; what is rolled back never is.
 */
@SpringBootTest(classes = OutboxTestApplication.class, properties = {
        "strangler.events.topics=outbox.it.things",
        "management.metrics.tags.application=messaging-test"})
@ContextConfiguration(initializers = TestInfrastructure.class)
class EventOutboxIntegrationTests {

    static final String TOPIC = "outbox.it.things";

    @Autowired
    EventOutbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    OutboxRelay relay;

    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    @BeforeEach
    void emptyOutbox() {
        jdbc.execute("truncate event_outbox");
    }

    @AfterEach
    void stopOthers() {
        others.forEach(ConfigurableApplicationContext::close);
        relay.start();
    }

    private UUID append(EventOutbox target, PlatformTransactionManager transactions, ThingChanged thing) {
        return new TransactionTemplate(transactions).execute(status -> target.append(TOPIC, Long.toString(thing.id()),
                "thing.changed", Long.toString(thing.id()), thing));
    }

    private UUID append(ThingChanged thing) {
        return append(outbox, transactionManager, thing);
    }

    @Test
    void appendOutsideATransactionIsRefusedAndStoresNothing() {
        assertThatThrownBy(() -> outbox.append(TOPIC, "1", "thing.changed", "1", new ThingChanged(1, "x",
                Instant.now(), 0))).isInstanceOf(IllegalTransactionStateException.class);

        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Integer.class)).isZero();
    }

    @Test
    void committedEventIsPublishedWithKeyCloudEventHeadersAndJsonBody() {
        Instant changedAt = Instant.parse("2026-11-24T10:15:30.123456Z");
        UUID id = append(new ThingChanged(42, "Ada", changedAt, 3));

        try (var topic = new TopicReader(TestInfrastructure.kafka(), TOPIC)) {
            ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30))
                    .until(() -> find(topic.poll(), id), found -> found != null);

            assertThat(record.key()).isEqualTo("42");
            var headers = record.headers();
            assertThat(CloudEventHeaders.text(headers, "ce_specversion")).isEqualTo("1.0");
            assertThat(CloudEventHeaders.text(headers, "ce_id")).isEqualTo(id.toString());
            assertThat(CloudEventHeaders.text(headers, "ce_type")).isEqualTo("thing.changed");
            assertThat(CloudEventHeaders.text(headers, "ce_source")).isEqualTo("messaging-test");
            assertThat(CloudEventHeaders.text(headers, "ce_subject")).isEqualTo("42");
            assertThat(CloudEventHeaders.text(headers, "content-type")).isEqualTo("application/json");
            assertThat(Instant.parse(CloudEventHeaders.text(headers, "ce_time")))
                    .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
            assertThat(json.readTree(record.value())).isEqualTo(json.readTree("""
                    {"id": 42, "name": "Ada", "changedAt": "2026-11-24T10:15:30.123456Z", "version": 3}"""));
            assertThat(topic.partitions()).isEqualTo(3);
        }
        try (var deadLetters = new TopicReader(TestInfrastructure.kafka(), TOPIC + ".DLT")) {
            assertThat(deadLetters.partitions()).isEqualTo(3);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select sent_at is not null from event_outbox where event_id = ?", Boolean.class, id));
    }

    @Test
    void extraHeadersArePublishedNextToTheCloudEventHeaders() {
        UUID id = new TransactionTemplate(transactionManager).execute(status -> outbox.append(TOPIC, "43",
                "thing.changed", "43", new ThingChanged(43, "Grace", Instant.now(), 0),
                java.util.Map.of("strangler-notified-by", "monolith")));
        UUID plain = append(new ThingChanged(44, "Linus", Instant.now(), 0));

        try (var topic = new TopicReader(TestInfrastructure.kafka(), TOPIC)) {
            var marked = await().atMost(Duration.ofSeconds(30)).until(() -> find(topic.poll(), id), found -> found != null);
            var unmarked = await().atMost(Duration.ofSeconds(30)).until(() -> find(topic.poll(), plain), found -> found != null);

            assertThat(CloudEventHeaders.text(marked.headers(), "strangler-notified-by")).isEqualTo("monolith");
            assertThat(CloudEventHeaders.text(marked.headers(), "ce_type")).isEqualTo("thing.changed");
            assertThat(marked.headers().headers("strangler-notified-by")).hasSize(1);
            assertThat(CloudEventHeaders.text(unmarked.headers(), "strangler-notified-by")).isNull();
        }
    }

    @Test
    void extraHeaderThatWouldShadowACloudEventsHeaderIsRefusedAndNothingIsStored() {
        for (String name : List.of("ce_type", "CE_SOURCE", "content-type", " ")) {
            assertThatThrownBy(() -> new TransactionTemplate(transactionManager).execute(status -> outbox.append(
                    TOPIC, "45", "thing.changed", "45", new ThingChanged(45, "x", Instant.now(), 0),
                    java.util.Map.of(name, "spoofed")))).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Integer.class)).isZero();
    }

    @Test
    void rolledBackEventIsNeverPublished() {
        UUID rolledBack = new TransactionTemplate(transactionManager).execute(status -> {
            UUID id = outbox.append(TOPIC, "7", "thing.changed", "7", new ThingChanged(7, "gone", Instant.now(), 1));
            status.setRollbackOnly();
            return id;
        });
        UUID committed = append(new ThingChanged(7, "kept", Instant.now(), 1));

        try (var topic = new TopicReader(TestInfrastructure.kafka(), TOPIC)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> find(topic.poll(), committed) != null);
            assertThat(find(topic.poll(), rolledBack)).isNull();
        }
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Integer.class)).isOne();
    }

    @Test
    void heldRelayKeepsEventsUntilAnInstanceThatRelaysStarts() {
        ConfigurableApplicationContext held = start("strangler.outbox.relay.enabled=false");
        // The context under test relays the same table; stop it, so that the held instance is the only one running.
        relay.stop();
        UUID id = append(held.getBean(EventOutbox.class), held.getBean(PlatformTransactionManager.class),
                new ThingChanged(5, "waiting", Instant.now(), 0));

        var prometheus = held.getBean(PrometheusMeterRegistry.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus.scrape())
                .contains("strangler_outbox_depth{application=\"messaging-test\"} 1.0")
                .containsPattern("strangler_outbox_oldest_age_seconds\\{application=\"messaging-test\"} [1-9]"));
        assertThat(jdbc.queryForObject("select sent_at is null from event_outbox where event_id = ?", Boolean.class, id))
                .isTrue();

        start();
        try (var topic = new TopicReader(TestInfrastructure.kafka(), TOPIC)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> find(topic.poll(), id) != null);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus.scrape())
                .contains("strangler_outbox_depth{application=\"messaging-test\"} 0.0")
                .contains("strangler_outbox_oldest_age_seconds{application=\"messaging-test\"} 0.0"));
    }

    @Test
    void eventsOfOneKeyArriveInOrderWhileTwoInstancesRelay() {
        ConfigurableApplicationContext second = start("strangler.outbox.relay.batch-size=7");
        var secondOutbox = second.getBean(EventOutbox.class);
        var secondTransactions = second.getBean(PlatformTransactionManager.class);
        List<UUID> ids = new ArrayList<>();
        for (int version = 1; version <= 10; version++) {
            for (long key = 1; key <= 20; key++) {
                var thing = new ThingChanged(key, "v" + version, Instant.now(), version);
                ids.add(key % 2 == 0 ? append(thing) : append(secondOutbox, secondTransactions, thing));
            }
        }

        try (var topic = new TopicReader(TestInfrastructure.kafka(), TOPIC)) {
            List<ConsumerRecord<String, String>> ours = await().atMost(Duration.ofSeconds(60))
                    .until(() -> topic.poll().stream().filter(record -> ids.contains(eventId(record))).toList(),
                            records -> records.stream().map(EventOutboxIntegrationTests::eventId).distinct().count()
                                    == ids.size());
            for (long key = 1; key <= 20; key++) {
                String k = Long.toString(key);
                List<Long> versions = ours.stream().filter(record -> record.key().equals(k))
                        .map(record -> json.readTree(record.value()).get("version").asLong()).toList();
                // At least once: a redelivery may repeat a version, never go back to an older one.
                assertThat(versions).as("versions of key %s in partition order", k).isSorted()
                        .containsAll(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
            }
        }
    }

    @Test
    void aKeyWithManyEventsDrainsWithoutWaitingAPollIntervalPerEvent() {
        // Only the first poll is woken by the commit; the other 49 rows must not each wait for the next poll.
        ConfigurableApplicationContext slowPolling = start("strangler.outbox.relay.poll-interval=1h");
        relay.stop();
        var slowOutbox = slowPolling.getBean(EventOutbox.class);
        List<UUID> ids = new TransactionTemplate(slowPolling.getBean(PlatformTransactionManager.class)).execute(
                status -> java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(version -> slowOutbox.append(TOPIC,
                        "77", "thing.changed", "77", new ThingChanged(77, "v" + version, Instant.now(), version)))
                        .toList());

        try (var topic = new TopicReader(TestInfrastructure.kafka(), TOPIC)) {
            var versions = await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll().stream()
                    .filter(record -> ids.contains(eventId(record)))
                    .map(record -> json.readTree(record.value()).get("version").asLong()).toList(),
                    received -> received.size() >= 50);
            assertThat(versions).isSorted().hasSize(50);
        }
    }

    private ConfigurableApplicationContext start(String... properties) {
        var other = new SpringApplicationBuilder(OutboxTestApplication.class)
                .initializers(new TestInfrastructure())
                .properties("strangler.events.topics=" + TOPIC, "management.metrics.tags.application=messaging-test",
                        "spring.main.banner-mode=off")
                .properties(properties)
                .run();
        others.add(other);
        return other;
    }

    private static ConsumerRecord<String, String> find(List<ConsumerRecord<String, String>> records, UUID id) {
        return records.stream().filter(record -> id.equals(eventId(record))).findFirst().orElse(null);
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        String id = CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID);
        return id == null ? null : UUID.fromString(id);
    }
}
