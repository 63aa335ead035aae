package dev.strangler.monolith.users;

import dev.strangler.messaging.support.SharedKafka;
import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.migration.MigrationStateTopic;
import dev.strangler.monolith.support.LoopbackStubServer;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.contract.stubrunner.spring.AutoConfigureStubRunner;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monolith's client of user-service against the stubs generated from user-service's contracts
 * ({@code contracts/user-service/monolith}), which user-service and the monolith itself are verified against: what
 * the client expects is what the service promises. The stubs jar comes from the same reactor build (the test-scoped
 * {@code user-service:stubs} dependency), never from a repository. The stub is reached the production way: by service
 * name, through discovery and the load balancer.
 */
@MonolithIntegrationTest
@AutoConfigureStubRunner(stubsMode = StubsMode.CLASSPATH, stubsPerConsumer = true, consumerName = "monolith",
        httpServerStubConfigurer = LoopbackStubServer.class)
class UserServiceStubsIntegrationTests {

    static final int STUB_PORT = RealInfrastructure.freePort();
    static final MigrationStateTopic migration = new MigrationStateTopic();

    @DynamicPropertySource
    static void userServiceIsTheStub(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.contract.stubrunner.ids", () -> "dev.strangler:user-service:+:stubs:" + STUB_PORT);
        // Discovery as configured in production, not Stub Runner's own stand-in for it.
        registry.add("spring.cloud.contract.stubrunner.cloud.enabled", () -> "false");
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri",
                () -> "http://127.0.0.1:" + STUB_PORT);
        // These tests are about what the two sides say, not about time: a stub server's first answer on a busy machine
        // can take longer than the production budget, which UserReadsFromTheServiceIntegrationTests tests.
        registry.add("strangler.users.read-timeout", () -> "10s");
        registry.add("strangler.migration.enabled", () -> "true");
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("strangler.migration.topic", migration::name);
    }

    @Autowired
    UserServiceClient client;

    @Autowired
    UserDirectory directory;

    @Autowired
    MigrationStateFollower follower;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void knownUserShouldBeReadWithEveryFieldThePagesShow() {
        assertThat(client.find(42)).contains(new UserView(42, "ada@example.com", "Ada Lovelace",
                Instant.parse("2026-01-15T10:00:00.123456Z")));
    }

    @Test
    void userTheServiceDoesNotKnowShouldBeEmptyRatherThanAFailure() {
        assertThat(client.find(999999)).isEmpty();
    }

    @Test
    void onceUserReadsHaveLeftTheMonolithThePagesShouldShowTheServicesUser() {
        jdbc.update("""
                insert into users (id, email, name, created_at, updated_at) values
                  (42, 'ada@example.com', 'Ada (monolith)', now(), now()),
                  (999999, 'ghost@example.com', 'Only in the monolith', now(), now())""");
        migration.publish("users", "SERVICE", null, "MONOLITH");
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.routing("users").readsLeftTheMonolith());

        assertThat(directory.find(42)).hasValueSatisfying(user -> assertThat(user.name()).isEqualTo("Ada Lovelace"));
        // Not replicated to the service yet: its 404 sends the page to the local table.
        assertThat(directory.find(999999))
                .hasValueSatisfying(user -> assertThat(user.name()).isEqualTo("Only in the monolith"));
    }
}
