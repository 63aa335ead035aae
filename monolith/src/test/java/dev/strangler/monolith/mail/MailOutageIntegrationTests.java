package dev.strangler.monolith.mail;

import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.migration.MigrationStateTopic;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The legacy shop sends mail inside the request: with SMTP down, registrations and orders fail fast and save nothing —
 * while the monolith sends e-mail. Once the {@code notifications} capability is on notification-service that coupling
 * is gone: the same outage no longer fails anything here (ADR 0025).
 */
@MonolithIntegrationTest
@TestPropertySource(properties = RealInfrastructure.SMTP_PROPERTY + "=dead")
class MailOutageIntegrationTests {

    static final MigrationStateTopic migration = new MigrationStateTopic();

    @DynamicPropertySource
    static void followTheMigration(DynamicPropertyRegistry registry) {
        registry.add("strangler.migration.enabled", () -> "true");
        registry.add("strangler.migration.topic", migration::name);
    }

    @Autowired
    MigrationStateFollower follower;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    ShopFixtures shop;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
        notifications("MONOLITH");
    }

    private void notifications(String mode) {
        migration.publishMode("notifications", mode);
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.routing("notifications").mode().equals(mode));
    }

    @Test
    void registerWhenSmtpDownShouldAnswer503AndSaveNothing() {
        var before = shop.counts();

        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "nomail@example.com", "name": "No Mail"}""").exchange();

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).headers().hasValue("Retry-After", "5");
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Mail server unavailable");
        assertThat(shop.counts()).isEqualTo(before);
    }

    @Test
    void orderWhenSmtpDownShouldAnswer503AndKeepStock() {
        long user = shop.user("buyer@example.com", "Buyer");
        long product = shop.product("KIT-001", "10.00", 3);
        var before = shop.counts();

        var result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"userId": %d, "lines": [{"productId": %d, "quantity": 2}]}""".formatted(user, product)).exchange();

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(shop.stockOf(product)).isEqualTo(3);
    }

    @Test
    void onceNotificationServiceSendsEmailAnSmtpOutageNoLongerFailsRegistrationsOrOrders() {
        notifications("SERVICE");
        long product = shop.product("KIT-002", "10.00", 3);

        var registration = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "stillworks@example.com", "name": "Still Works"}""").exchange();
        assertThat(registration).hasStatus(201);
        long user = jdbc.queryForObject("select id from users where email = 'stillworks@example.com'", Long.class);
        var order = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"userId": %d, "lines": [{"productId": %d, "quantity": 2}]}""".formatted(user, product))
                .exchange();

        assertThat(order).hasStatus(201);
        assertThat(shop.stockOf(product)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from sent_emails", Integer.class)).isZero();
        assertThat(jdbc.queryForList("select event_type from event_outbox order by id", String.class))
                .containsExactly("user.created", "order.created");
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where headers is not null", Integer.class))
                .isZero();
    }
}
