package dev.strangler.monolith.mail;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy shop sends mail inside the request: with SMTP down, registrations and orders fail fast and save nothing.
 */
@MonolithIntegrationTest
@TestPropertySource(properties = RealInfrastructure.SMTP_PROPERTY + "=dead")
class MailOutageIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    ShopFixtures shop;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
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
}
