package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayInstance;
import dev.strangler.gateway.support.Scrape;
import dev.strangler.gateway.support.SharedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The migration state lives on Kafka, not in one gateway's memory: two gateways agree within a second, a restarted
 * gateway comes back with the same state, and the records are there for any other component to follow.
 */
class MigrationStateReplicationIntegrationTests {

    static final FakeBackend monolith = FakeBackend.start("monolith");
    static final FakeBackend userService = FakeBackend.start("user-service");
    static final FakeBackend orderService = FakeBackend.start("order-service");
    // Never proxied: listed so that notifications may move to SERVICE.
    static final FakeBackend notificationService = FakeBackend.start("notification-service");

    String topic;
    GatewayInstance first;
    GatewayInstance second;

    @BeforeEach
    void twoGatewaysOnOneTopic() {
        topic = "migration.state.replication-" + UUID.randomUUID();
        first = start();
        second = start();
        first.admin().awaitLoaded();
        second.admin().awaitLoaded();
    }

    @AfterEach
    void stopGateways() {
        first.close();
        second.close();
    }

    @AfterAll
    static void stopBackends() {
        monolith.close();
        userService.close();
        orderService.close();
        notificationService.close();
    }

    @Test
    void changeMadeOnOneGatewayShouldBeAppliedByTheOtherWithinOneSecond() {
        String[][] changes = {
                {"users", "reads", "{\"mode\":\"SHADOW\"}", "SHADOW"},
                {"notifications", "mode", "{\"mode\":\"SERVICE\"}", "SERVICE"},
                {"users", "reads", "{\"mode\":\"CANARY\",\"percent\":10}", "CANARY"},
                {"users", "reads", "{\"mode\":\"SERVICE\"}", "SERVICE"},
                {"notifications", "mode", "{\"mode\":\"MONOLITH\"}", "MONOLITH"},
                {"users", "writes", "{\"mode\":\"SERVICE\"}", "SERVICE"},
                {"notifications", "mode", "{\"mode\":\"SERVICE\"}", "SERVICE"},
                {"users", "writes", "{\"mode\":\"MONOLITH\"}", "MONOLITH"},
                {"users", "reads", "{\"mode\":\"MONOLITH\"}", "MONOLITH"}};
        MigrationStateStore other = second.bean(MigrationStateStore.class);

        for (String[] change : changes) {
            Capability capability = Capability.byLabel(change[0]).orElseThrow();
            var answer = switch (change[1]) {
                case "reads" -> first.admin().reads(change[0], change[2]);
                case "writes" -> first.admin().writes(change[0], change[2]);
                default -> first.admin().mode(change[0], change[2]);
            };
            answer.expectStatus().isOk().expectBody().returnResult();
            long version = first.bean(MigrationStateStore.class).current().of(capability).version();

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
                CapabilityState seen = other.current().of(capability);
                assertThat(seen.version()).isEqualTo(version);
                assertThat((switch (change[1]) {
                    case "reads" -> seen.reads();
                    case "writes" -> seen.writes();
                    default -> seen.mode();
                }).name()).isEqualTo(change[3]);
            });
        }
        assertThat(other.current().of(Capability.NOTIFICATIONS).version()).isEqualTo(3);
    }

    @Test
    void otherGatewayShouldRouteByTheChangeAtOnce() {
        first.admin().readsTo("orders", "SERVICE");

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                second.client().get().uri("/api/orders/1").exchange()
                        .expectHeader().valueEquals("X-Served-By", "order-service")
                        .expectBody().returnResult());
    }

    @Test
    void changesMadeOnBothGatewaysShouldEndInOneStateAndOneHistoryOnBoth() {
        first.admin().readsTo("users", "SHADOW");
        second.admin().canary("users", 30);
        first.admin().canary("users", 60);
        second.admin().readsTo("orders", "SERVICE");
        first.admin().modeTo("notifications", "SERVICE");
        second.admin().modeTo("notifications", "MONOLITH");

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(view(second)).isEqualTo(view(first)));
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(history(second)).isEqualTo(history(first)));
        CapabilityState users = first.bean(MigrationStateStore.class).current().of(Capability.USERS);
        assertThat(users.version()).isEqualTo(3);
        assertThat(users.percent()).isEqualTo(60);
        assertThat(users.history()).extracting(Change::to).containsExactly(new Setting("CANARY", 60),
                new Setting("CANARY", 30), new Setting("SHADOW", null));
        assertThat(history(first)).filteredOn(change -> "notifications".equals(change.get("capability")))
                .extracting(change -> change.get("version") + " " + change.get("aspect") + " " + change.get("from")
                        + " -> " + change.get("to"))
                .containsExactly("2 mode {mode=SERVICE} -> {mode=MONOLITH}", "1 mode {mode=MONOLITH} -> {mode=SERVICE}");
        assertThat(history(first)).hasSize(6);
    }

    @Test
    void restartedGatewayShouldComeBackWithTheSameState() {
        first.admin().readsTo("users", "SERVICE").writesTo("users", "SERVICE").canary("orders", 25)
                .modeTo("notifications", "SERVICE");
        var before = view(first);

        first.close();
        first = start();
        first.admin().awaitLoaded();

        assertThat(view(first)).isEqualTo(before);
        assertThat(first.bean(MigrationStateStore.class).current().of(Capability.USERS).history()).hasSize(2);
        assertThat(first.bean(MigrationStateStore.class).current().of(Capability.NOTIFICATIONS).mode())
                .isEqualTo(SwitchMode.SERVICE);
        assertThat(Scrape.of(first.client()))
                .contains("strangler_migration_mode{application=\"api-gateway\",capability=\"notifications\",mode=\"SERVICE\",operation=\"mode\"} 1.0")
                .contains("strangler_migration_mode{application=\"api-gateway\",capability=\"notifications\",mode=\"MONOLITH\",operation=\"mode\"} 0.0")
                .contains("strangler_migration_version{application=\"api-gateway\",capability=\"notifications\"} 1.0")
                .doesNotContain("strangler_migration_percent{application=\"api-gateway\",capability=\"notifications\"}");
        first.client().post().uri("/api/users").bodyValue("{}").header("Content-Type", "application/json").exchange()
                .expectHeader().valueEquals("X-Served-By", "user-service")
                .expectBody().returnResult();
    }

    @Test
    void stateShouldBeACompactedTopicWithOneDocumentedRecordPerChange() throws Exception {
        first.admin().modeTo("notifications", "SERVICE").canary("users", 40);

        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            var config = kafka.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(kafka.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions()).hasSize(1);
        }
        ConsumerRecord<String, String> record = records().getLast();
        assertThat(record.key()).isEqualTo("users");
        assertThat(header(record, "ce_type")).isEqualTo("migration.state.changed");
        assertThat(header(record, "ce_source")).isEqualTo("api-gateway");
        assertThat(header(record, "ce_subject")).isEqualTo("users");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isNotBlank();
        JsonNode value = JsonMapper.builder().build().readTree(record.value());
        assertThat(value.path("capability").asString()).isEqualTo("users");
        assertThat(value.path("version").asLong()).isEqualTo(1);
        assertThat(value.path("reads").asString()).isEqualTo("CANARY");
        assertThat(value.path("percent").asInt()).isEqualTo(40);
        assertThat(value.path("writes").asString()).isEqualTo("MONOLITH");
        assertThat(value.path("changedBy").asString()).isEqualTo("admin");
        assertThat(value.path("changeId").asString()).isEqualTo(header(record, "ce_id"));
        assertThat(value.path("history").get(0).path("to").path("percent").asInt()).isEqualTo(40);
        // The layout the monolith has parsed since the first gateway, whatever notifications added.
        assertThat(value.propertyNames()).containsExactly("capability", "version", "reads", "percent", "writes",
                "changeId", "changedAt", "changedBy", "history");

        ConsumerRecord<String, String> notifications = records().getFirst();
        assertThat(notifications.key()).isEqualTo("notifications");
        assertThat(header(notifications, "ce_type")).isEqualTo("migration.state.changed");
        assertThat(header(notifications, "ce_subject")).isEqualTo("notifications");
        JsonNode switched = JsonMapper.builder().build().readTree(notifications.value());
        assertThat(switched.propertyNames()).containsExactly("capability", "version", "mode", "changeId",
                "changedAt", "changedBy", "history");
        assertThat(switched.path("capability").asString()).isEqualTo("notifications");
        assertThat(switched.path("version").asLong()).isEqualTo(1);
        assertThat(switched.path("mode").asString()).isEqualTo("SERVICE");
        assertThat(switched.path("changeId").asString()).isEqualTo(header(notifications, "ce_id"));
        assertThat(switched.path("history").get(0).path("aspect").asString()).isEqualTo("mode");
        assertThat(switched.path("history").get(0).path("to").path("mode").asString()).isEqualTo("SERVICE");
    }

    @Test
    void recordThatDoesNotFitItsCapabilityShouldBeIgnoredByEveryGateway() throws Exception {
        first.admin().modeTo("notifications", "SERVICE");
        // Reads and writes for a switch, a mode for a routed capability, and a capability no gateway knows yet.
        publish("notifications", """
                {"capability":"notifications","version":2,"reads":"MONOLITH","percent":null,"writes":"MONOLITH",\
                "changeId":"x-1","changedAt":"2026-11-24T10:00:00Z","changedBy":"intruder","history":[]}""");
        publish("users", """
                {"capability":"users","version":1,"mode":"SERVICE","changeId":"x-2",\
                "changedAt":"2026-11-24T10:00:00Z","changedBy":"intruder","history":[]}""");
        publish("payments", """
                {"capability":"payments","version":1,"mode":"SERVICE","changeId":"x-3",\
                "changedAt":"2026-11-24T10:00:00Z","changedBy":"intruder","history":[]}""");
        // A change after them: once a gateway has applied it, it has read past the three records.
        first.admin().readsTo("orders", "SHADOW");

        for (GatewayInstance gateway : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(gateway.bean(MigrationStateStore.class)
                    .current().of(Capability.ORDERS).reads()).isEqualTo(ReadMode.SHADOW));
            MigrationState state = gateway.bean(MigrationStateStore.class).current();
            assertThat(state.of(Capability.NOTIFICATIONS).mode()).isEqualTo(SwitchMode.SERVICE);
            assertThat(state.of(Capability.NOTIFICATIONS).changedBy()).isEqualTo("admin");
            assertThat(state.of(Capability.USERS).reads()).isEqualTo(ReadMode.MONOLITH);
            assertThat(state.of(Capability.USERS).version()).isZero();
        }
        assertThat(view(first)).isEqualTo(view(second));
    }

    private void publish(String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    private List<ConsumerRecord<String, String>> records() {
        var config = new HashMap<String, Object>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            var records = new ArrayList<ConsumerRecord<String, String>>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return consumer.position(partition) >= end;
            });
            return records;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> history(GatewayInstance gateway) {
        return gateway.admin().client().get().uri("/admin/migration/history").exchange().expectStatus().isOk()
                .expectBodyList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
    }

    private static Map<String, Object> view(GatewayInstance gateway) {
        return gateway.admin().client().get().uri("/admin/migration").exchange().expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
    }

    private GatewayInstance start() {
        return GatewayInstance.start(Map.of(
                "spring.kafka.bootstrap-servers", SharedKafka.bootstrapServers(),
                "strangler.migration.topic", topic,
                FakeBackend.discoveryProperty("monolith"), monolith.url(),
                FakeBackend.discoveryProperty("user-service"), userService.url(),
                FakeBackend.discoveryProperty("order-service"), orderService.url(),
                FakeBackend.discoveryProperty("notification-service"), notificationService.url()));
    }
}
