package dev.strangler.notifications.history;

import dev.strangler.messaging.support.EventSender;
import dev.strangler.notifications.support.NotificationServiceIntegrationTest;
import dev.strangler.notifications.support.ShopEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static dev.strangler.notifications.support.ShopEvents.email;
import static dev.strangler.notifications.support.ShopEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/notifications?recipient=...}: what was sent or recorded for someone, newest first, in pages; bad
 * input is a 400 problem. And the service's metrics reach Prometheus: the e-mail counters and the consumer lag.
 */
@NotificationServiceIntegrationTest
class NotificationHistoryIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    ShopEvents events;

    @BeforeEach
    void consumerAssigned() {
        events = new ShopEvents(new EventSender(kafka, json));
        ShopEvents.awaitConsumerAssigned(listeners);
    }

    @Test
    void historyShouldListWhatWasSentAndWhatTheMonolithSentNewestFirstInPages() {
        long user = newId();
        String welcome = events.userCreated(user, "Historian");
        long order = newId();
        String confirmation = events.send("order.created", UUID.randomUUID(), Long.toString(order),
                ShopEvents.order(order, user), true);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from notifications where recipient = ?", Long.class, email(user)) == 2);

        var all = mvc.get().uri("/api/notifications").param("recipient", email(user)).exchange();
        assertThat(all).hasStatusOk().bodyJson().extractingPath("$.totalElements").isEqualTo(2);
        assertThat(all).bodyJson().extractingPath("$.content[*].eventId").asArray()
                .containsExactlyInAnyOrder(welcome, confirmation);
        assertThat(all).bodyJson().extractingPath("$.content[?(@.eventId == '" + confirmation + "')].status")
                .asArray().containsExactly("SENT_BY_MONOLITH");
        assertThat(all).bodyJson().extractingPath("$.content[?(@.eventId == '" + confirmation + "')].notifiedBy")
                .asArray().containsExactly("monolith");
        assertThat(all).bodyJson().extractingPath("$.content[?(@.eventId == '" + welcome + "')].status")
                .asArray().containsExactly("SENT");
        assertThat(all).bodyJson().extractingPath("$.content[?(@.eventId == '" + welcome + "')].kind")
                .asArray().containsExactly("WELCOME");

        var secondPage = mvc.get().uri("/api/notifications").param("recipient", email(user)).param("size", "1")
                .param("page", "1").exchange();
        assertThat(secondPage).hasStatusOk().bodyJson().extractingPath("$.content.length()").isEqualTo(1);
        assertThat(secondPage).bodyJson().extractingPath("$.totalPages").isEqualTo(2);
    }

    @Test
    void badInputShouldBeA400Problem() {
        assertThat(mvc.get().uri("/api/notifications")).hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("recipient");
        assertThat(mvc.get().uri("/api/notifications").param("recipient", "not-an-address")).hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/notifications").param("recipient", "a@example.com").param("size", "0"))
                .hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("size");
        assertThat(mvc.get().uri("/api/notifications").param("recipient", "a@example.com").param("page", "x"))
                .hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("page");
    }

    @Test
    void prometheusShouldShowTheEmailCountersAndTheConsumerLag() throws Exception {
        long user = newId();
        events.userCreated(user, "Counted");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from notifications where recipient = ?", Long.class, email(user)) == 1);

        var scrape = mvc.get().uri("/actuator/prometheus").exchange();
        assertThat(scrape).hasStatusOk();
        String body = scrape.getResponse().getContentAsString();
        assertThat(body).contains("strangler_notifications_sent_total{application=\"notification-service\",kind=\"WELCOME\"}")
                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=");
    }
}
