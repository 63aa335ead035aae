package dev.strangler.monolith.users;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.strangler.messaging.support.SharedKafka;
import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.migration.MigrationStateTopic;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.ShopFixtures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monolith's own pages follow the gateway's migration state: while user reads are on the monolith they read the
 * local table; once they have left it, they ask user-service, and fall back to the local table when it is slow, down
 * or does not know the user yet — then ask it again once it recovers. user-service is played by WireMock.
 */
@MonolithIntegrationTest
class UserReadsFromTheServiceIntegrationTests {

    static final MigrationStateTopic migration = new MigrationStateTopic();
    static final WireMockServer userService = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .http2PlainDisabled(true));

    static {
        userService.start();
    }

    @DynamicPropertySource
    static void followTheMigrationAndFindUserService(DynamicPropertyRegistry registry) {
        registry.add("strangler.migration.enabled", () -> "true");
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("strangler.migration.topic", migration::name);
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", userService::baseUrl);
        // A short rest for the breaker keeps the recovery test quick; the thresholds are the production ones.
        registry.add("resilience4j.circuitbreaker.instances.user-service.wait-duration-in-open-state", () -> "1s");
    }

    @AfterAll
    static void stopUserService() {
        userService.stop();
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MigrationStateFollower follower;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    long userId;

    @BeforeEach
    void aLocalUserAndAHealthyService() {
        userId = new ShopFixtures(jdbc).user("ada@example.com", "Ada (monolith)");
        userService.resetAll();
        userService.stubFor(WireMock.get(urlPathMatching("/api/users/[0-9]+")).willReturn(WireMock.okJson("""
                {"id":%d,"email":"ada@example.com","name":"Ada (user-service)","createdAt":"2026-01-15T10:00:00Z",
                 "updatedAt":"2026-01-15T10:00:00Z"}""".formatted(userId))));
        breakers.circuitBreaker(UserDirectory.SERVICE).reset();
        usersReads("MONOLITH", null);
    }

    @Test
    void whileUserReadsAreOnTheMonolithThePageShouldReadTheLocalTableAndNeverCallTheService() {
        double before = reads("local");

        assertThat(profile()).contains("Ada (monolith)");

        assertThat(reads("local")).isGreaterThan(before);
        assertThat(userService.findAll(getRequestedFor(urlPathMatching("/api/users/.*")))).isEmpty();
    }

    @Test
    void onceUserReadsHaveLeftTheMonolithThePageShouldReadUserService() {
        for (String mode : new String[] {"SHADOW", "SERVICE"}) {
            usersReads(mode, null);
            double before = reads("service");

            assertThat(profile()).as(mode).contains("Ada (user-service)");

            assertThat(reads("service")).isGreaterThan(before);
        }
        usersReads("CANARY", 10);
        assertThat(profile()).contains("Ada (user-service)");
    }

    @Test
    void slowServiceShouldCostThePageLessThanTwoSecondsAndFallBackToTheLocalTable() {
        usersReads("SERVICE", null);
        userService.stubFor(WireMock.get(urlPathMatching("/api/users/[0-9]+"))
                .willReturn(WireMock.okJson("{}").withFixedDelay(3_000)));
        double before = reads("fallback");
        Instant start = Instant.now();

        assertThat(profile()).contains("Ada (monolith)");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(2_500));
        assertThat(reads("fallback")).isGreaterThan(before);
        assertThat(userService.findAll(getRequestedFor(urlPathMatching("/api/users/.*")))).as("three attempts")
                .hasSize(3);
    }

    @Test
    void serviceThatIsDownShouldOpenTheBreakerAndRecoverWhenItIsBack() {
        usersReads("SERVICE", null);
        userService.stubFor(WireMock.get(urlPathMatching("/api/users/[0-9]+"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        for (int i = 0; i < 3; i++) {
            assertThat(profile()).contains("Ada (monolith)");
        }
        assertThat(breakers.circuitBreaker(UserDirectory.SERVICE).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpen = userService.findAll(getRequestedFor(urlPathMatching("/api/users/.*"))).size();
        assertThat(profile()).contains("Ada (monolith)");
        assertThat(userService.findAll(getRequestedFor(urlPathMatching("/api/users/.*")))).as("not asked while open")
                .hasSize(callsWhenOpen);

        userService.resetMappings();
        userService.stubFor(WireMock.get(urlPathMatching("/api/users/[0-9]+")).willReturn(WireMock.okJson("""
                {"id":%d,"email":"ada@example.com","name":"Ada (user-service)","createdAt":"2026-01-15T10:00:00Z",
                 "updatedAt":"2026-01-15T10:00:00Z"}""".formatted(userId))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(profile()).contains("Ada (user-service)"));
    }

    @Test
    void userTheServiceDoesNotKnowYetShouldBeReadLocally() {
        usersReads("SERVICE", null);
        userService.stubFor(WireMock.get(urlPathMatching("/api/users/[0-9]+")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));

        assertThat(profile()).contains("Ada (monolith)");
        assertThat(breakers.circuitBreaker(UserDirectory.SERVICE).getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void unknownUserShouldStillBeANotFoundPage() {
        usersReads("SERVICE", null);
        userService.stubFor(WireMock.get(urlPathMatching("/api/users/[0-9]+")).willReturn(aResponse().withStatus(404)));

        var page = mvc.get().uri("/users/{id}", userId + 1000).accept(MediaType.TEXT_HTML).exchange();

        assertThat(page).hasStatus(404);
    }

    private String profile() {
        var page = mvc.get().uri("/users/{id}", userId).accept(MediaType.TEXT_HTML).exchange();
        assertThat(page).hasStatusOk();
        return page.getResponse().getContentAsByteArray().length == 0 ? ""
                : new String(page.getResponse().getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void usersReads(String reads, Integer percent) {
        migration.publish("users", reads, percent, "MONOLITH");
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.routing("users").reads().equals(reads)
                && java.util.Objects.equals(follower.routing("users").percent(), percent));
    }

    private double reads(String source) {
        var counter = meters.find("shop.user.reads").tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }
}
