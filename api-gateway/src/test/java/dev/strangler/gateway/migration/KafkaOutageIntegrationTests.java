package dev.strangler.gateway.migration;

import dev.strangler.devstack.kafka.KafkaBroker;
import dev.strangler.gateway.routing.Capability;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayInstance;
import dev.strangler.gateway.support.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka holds the migration state, so its outage is the gateway's most important failure: changes are refused fast
 * and change nothing, traffic keeps flowing by the last known state, and a gateway that cannot read the state refuses
 * writes rather than guess who owns them.
 */
class KafkaOutageIntegrationTests {

    static final FakeBackend monolith = FakeBackend.start("monolith");
    static final FakeBackend userService = FakeBackend.start("user-service");
    static KafkaBroker broker;

    @BeforeAll
    static void privateBroker() {
        broker = SharedKafka.startPrivate();
    }

    @AfterAll
    static void stopEverything() {
        broker.close();
        monolith.close();
        userService.close();
    }

    @Test
    void whileKafkaIsDownChangesShouldBeRefusedFastAndTrafficShouldFollowTheLastKnownState() {
        try (var gateway = start("migration.state.outage")) {
            gateway.admin().awaitLoaded().readsTo("users", "SERVICE");

            broker.stop();
            Instant start = Instant.now();
            gateway.admin().reads("users", "{\"mode\":\"MONOLITH\"}")
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                            .contains("nothing was changed"));
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));

            assertThat(gateway.bean(MigrationStateStore.class).current().of(Capability.USERS).reads())
                    .isEqualTo(ReadMode.SERVICE);
            gateway.client().get().uri("/api/users/1").exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("X-Served-By", "user-service")
                    .expectBody().returnResult();

            broker.restart().waitUntilReady(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    gateway.admin().reads("users", "{\"mode\":\"MONOLITH\"}").expectStatus().isOk()
                            .expectBody().returnResult());
            gateway.client().get().uri("/api/users/1").exchange()
                    .expectHeader().valueEquals("X-Served-By", "monolith")
                    .expectBody().returnResult();
        }
    }

    @Test
    void gatewayThatStartsWhileKafkaIsDownShouldNotBeReadyAndShouldRefuseWritesUntilItHasTheState() {
        String topic = "migration.state.cold-start";
        try (var gateway = start(topic)) {
            gateway.admin().awaitLoaded().readsTo("users", "SERVICE").writesTo("users", "SERVICE");
        }
        broker.stop();

        try (var gateway = start(topic)) {
            gateway.client().get().uri("/actuator/health/readiness").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo("OUT_OF_SERVICE");
            gateway.client().get().uri("/api/users/1").exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("X-Served-By", "monolith")
                    .expectBody().returnResult();
            gateway.client().post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                            .contains("still reading the migration state").contains("nothing was changed"));
            assertThat(userService.received()).noneMatch(received -> received.method().equals("POST"));
            assertThat(monolith.received()).noneMatch(received -> received.method().equals("POST"));

            broker.restart().waitUntilReady(Duration.ofSeconds(90));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> gateway.client().get()
                    .uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody().returnResult());
            gateway.client().post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange()
                    .expectHeader().valueEquals("X-Served-By", "user-service")
                    .expectBody().returnResult();
        }
    }

    private static GatewayInstance start(String topic) {
        return GatewayInstance.start(Map.of(
                "spring.kafka.bootstrap-servers", broker.bootstrapServers(),
                "strangler.migration.topic", topic,
                FakeBackend.discoveryProperty("monolith"), monolith.url(),
                FakeBackend.discoveryProperty("user-service"), userService.url()));
    }
}
