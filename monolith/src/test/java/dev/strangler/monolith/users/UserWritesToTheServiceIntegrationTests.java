package dev.strangler.monolith.users;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.strangler.messaging.support.SharedKafka;
import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.migration.MigrationStateTopic;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
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
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One writer for users: once the migration state gives user writes to user-service, the monolith's API and its
 * registration page hand every user write to user-service and never write their own table — not even when the service
 * is down, when they answer 503 fast instead. While the monolith owns writes, nothing changes. user-service is played
 * by WireMock; PostgreSQL, Kafka (the migration state) and SMTP are real.
 */
@MonolithIntegrationTest
class UserWritesToTheServiceIntegrationTests {

    static final long SERVICE_ID = 1_000_000_007L;
    static final String SERVICE_USER = """
            {"id":%d,"email":"ada@example.com","name":"Ada (user-service)","createdAt":"2026-01-15T10:00:00Z",
             "updatedAt":"2026-01-15T10:00:00Z"}""".formatted(SERVICE_ID);

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

    @BeforeEach
    void aHealthyService() {
        userService.resetAll();
        userService.stubFor(WireMock.post(urlEqualTo("/api/users")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", "http://user-service/api/users/" + SERVICE_ID).withBody(SERVICE_USER)));
        userService.stubFor(WireMock.put(urlPathMatching("/api/users/[0-9]+")).willReturn(WireMock.okJson(SERVICE_USER)));
        userService.stubFor(WireMock.get(urlPathMatching("/api/users/[0-9]+")).willReturn(WireMock.okJson(SERVICE_USER)));
        breakers.circuitBreaker(UserDirectory.SERVICE).reset();
    }

    @Test
    void registrationWhileUserServiceOwnsWritesShouldReachItAndWriteNothingHere() {
        usersWrites("SERVICE");
        double before = writes("service", "ok");

        var result = post("""
                {"email": "Ada@Example.com", "name": "Ada"}""");

        assertThat(result).hasStatus(201);
        assertThat(result).bodyJson().isLenientlyEqualTo(SERVICE_USER);
        assertThat(result).headers().hasValue("Location", "http://localhost/api/users/" + SERVICE_ID);
        userService.verify(1, postRequestedFor(urlEqualTo("/api/users"))
                .withRequestBody(equalToJson("{\"email\": \"Ada@Example.com\", \"name\": \"Ada\"}")));
        assertNothingWrittenHere();
        assertThat(writes("service", "ok")).isEqualTo(before + 1);
    }

    @Test
    void changeWhileUserServiceOwnsWritesShouldReachItAndLeaveTheLocalRowAsItWas() {
        long id = new ShopFixtures(jdbc).user("ada@example.com", "Ada (monolith)");
        usersWrites("SERVICE");

        var result = mvc.put().uri("/api/users/{id}", id).contentType(MediaType.APPLICATION_JSON).content("""
                {"email": "ada@example.com", "name": "Ada (user-service)"}""").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("Ada (user-service)");
        userService.verify(1, putRequestedFor(urlEqualTo("/api/users/" + id)));
        assertThat(jdbc.queryForObject("select name from users where id = ?", String.class, id))
                .as("the change reaches this table through replication, not here").isEqualTo("Ada (monolith)");
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Long.class)).isZero();
    }

    @Test
    void duplicateEmailAtUserServiceShouldBeTheSame409Problem() {
        usersWrites("SERVICE");
        userService.stubFor(WireMock.post(urlEqualTo("/api/users")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type":"https://strangler.dev/problems/duplicate-email","title":"E-mail already registered",
                         "status":409,"detail":"A user with e-mail ada@example.com already exists"}""")));
        double before = writes("service", "duplicate");

        var result = post("""
                {"email": "ada@example.com", "name": "Ada"}""");

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://strangler.dev/problems/duplicate-email", "title": "E-mail already registered",
                 "status": 409, "detail": "A user with e-mail ada@example.com already exists"}""");
        assertNothingWrittenHere();
        assertThat(writes("service", "duplicate")).isEqualTo(before + 1);
        assertThat(breakers.circuitBreaker(UserDirectory.SERVICE).getMetrics().getNumberOfFailedCalls())
                .as("a 409 is a healthy service's answer").isZero();
    }

    @Test
    void invalidAnswerOfUserServiceShouldBeAValidationProblem() {
        usersWrites("SERVICE");
        userService.stubFor(WireMock.post(urlEqualTo("/api/users")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type":"https://strangler.dev/problems/invalid-request","title":"Invalid request",
                         "status":400,"detail":"The request body has 1 invalid field(s)",
                         "errors":[{"field":"email","message":"must be a well-formed email address"}]}""")));

        var result = post("""
                {"email": "ada@example.com", "name": "Ada"}""");

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://strangler.dev/problems/invalid-request", "status": 400,
                 "detail": "The request body has 1 invalid field(s)",
                 "errors": [{"field": "email", "message": "must be a well-formed email address"}]}""");
        assertNothingWrittenHere();
    }

    @Test
    void userServiceThatIsDownShouldCostA503InUnderTwoSecondsAndWriteNothingHere() {
        usersWrites("SERVICE");
        userService.stubFor(WireMock.post(urlEqualTo("/api/users"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        double before = writes("service", "unavailable");
        Instant start = Instant.now();

        var result = post("""
                {"email": "ada@example.com", "name": "Ada"}""");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", "5");
        assertThat(result).bodyJson().extractingPath("$.type")
                .isEqualTo("https://strangler.dev/problems/user-service-unavailable");
        userService.verify(1, postRequestedFor(urlEqualTo("/api/users")));
        assertNothingWrittenHere();
        assertThat(writes("service", "unavailable")).isEqualTo(before + 1);
    }

    @Test
    void slowUserServiceShouldBeAskedOnceAndCostA503AtTheWriteTimeout() {
        usersWrites("SERVICE");
        userService.stubFor(WireMock.post(urlEqualTo("/api/users"))
                .willReturn(aResponse().withStatus(201).withFixedDelay(5_000)));
        Instant start = Instant.now();

        var result = post("""
                {"email": "ada@example.com", "name": "Ada"}""");

        assertThat(Duration.between(start, Instant.now())).as("the 1 s write timeout").isLessThan(Duration.ofSeconds(2));
        assertThat(result).hasStatus(503);
        userService.verify(1, postRequestedFor(urlEqualTo("/api/users")));
        assertNothingWrittenHere();
    }

    @Test
    void openBreakerShouldAnswer503WithoutAskingTheService() {
        usersWrites("SERVICE");
        breakers.circuitBreaker(UserDirectory.SERVICE).transitionToOpenState();

        var result = post("""
                {"email": "ada@example.com", "name": "Ada"}""");

        assertThat(result).hasStatus(503);
        userService.verify(0, postRequestedFor(urlEqualTo("/api/users")));
        assertNothingWrittenHere();
    }

    @Test
    void whileTheMonolithOwnsWritesRegistrationShouldBeLocalAsBeforeAndNeverCallTheService() throws Exception {
        usersWrites("MONOLITH");
        double before = writes("local", "ok");

        var result = post("""
                {"email": "grace@example.com", "name": "Grace"}""");

        assertThat(result).hasStatus(201);
        long id = jdbc.queryForObject("select id from users where email = 'grace@example.com'", Long.class);
        assertThat(result).bodyJson().extractingPath("$.id").isEqualTo((int) id);
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Long.class)).isEqualTo(1);
        assertThat(writes("local", "ok")).isEqualTo(before + 1);
        assertThat(userService.getAllServeEvents()).isEmpty();
    }

    @Test
    void storefrontRegistrationWhileUserServiceOwnsWritesShouldLandOnTheServicesProfile() {
        usersReadsAndWrites("SERVICE", "SERVICE");

        var registered = mvc.post().uri("/register").param("name", "Ada").param("email", "ada@example.com")
                .exchange();

        assertThat(registered).hasStatus3xxRedirection().hasRedirectedUrl("/users/" + SERVICE_ID);
        // notification-service welcomes users registered at user-service (their user.created is unmarked; ADR 0025).
        assertThat(registered).flash().containsEntry("notice",
                "Welcome, Ada (user-service)! A welcome e-mail is on its way.");
        userService.verify(1, postRequestedFor(urlEqualTo("/api/users")));
        assertNothingWrittenHere();

        // Before replication has brought the new user here: the profile is read from user-service, with no orders yet.
        var profile = mvc.get().uri("/users/{id}", SERVICE_ID).accept(MediaType.TEXT_HTML).exchange();
        assertThat(profile).hasStatusOk();
        assertThat(profile).bodyText().contains("Ada (user-service)").contains("No orders yet");
    }

    @Test
    void storefrontRegistrationWhileUserServiceIsDownShouldAskToTryAgainShortly() {
        usersReadsAndWrites("SERVICE", "SERVICE");
        userService.stubFor(WireMock.post(urlEqualTo("/api/users"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        var page = mvc.post().uri("/register").param("name", "Ada").param("email", "ada@example.com").exchange();

        assertThat(page).hasStatus(503).hasViewName("register");
        assertThat(new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
                .contains("nothing was saved").contains("Please try again shortly");
        assertNothingWrittenHere();
    }

    @Test
    void storefrontRegistrationOfAKnownEmailAtUserServiceShouldShowTheSameFormError() {
        usersReadsAndWrites("SERVICE", "SERVICE");
        userService.stubFor(WireMock.post(urlEqualTo("/api/users")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":409}")));

        var page = mvc.post().uri("/register").param("name", "Ada").param("email", "ada@example.com").exchange();

        assertThat(page).hasStatusOk().hasViewName("register");
        assertThat(new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
                .contains("This e-mail is already registered: sign in instead");
        assertNothingWrittenHere();
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    /** No user row, no event, no welcome e-mail: the write belongs to user-service. */
    private void assertNothingWrittenHere() {
        assertThat(jdbc.queryForObject("select count(*) from users", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sent_emails", Long.class)).isZero();
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }

    private void usersWrites(String writes) {
        usersReadsAndWrites(writes, writes);
    }

    private void usersReadsAndWrites(String reads, String writes) {
        migration.publish("users", reads, null, writes);
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.routing("users").reads().equals(reads)
                && follower.routing("users").writes().equals(writes));
    }

    private double writes(String target, String outcome) {
        var counter = meters.find("shop.user.writes").tag("target", target).tag("outcome", outcome).counter();
        assertThat(counter).as("shop.user.writes{target=%s,outcome=%s}", target, outcome).isNotNull();
        return counter.count();
    }
}
