package dev.strangler.monolith.orders.backfill;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.OrderFixtures;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import dev.strangler.monolith.support.WithAdminPassword;
import dev.strangler.service.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orders backfill republishes every order of the monolith's own id range as {@code order.created} through the
 * outbox, in batches of their own transactions, marked {@code strangler-notified-by} so that notification-service never
 * confirms an order a second time; it can run again at no harm (order-service inserts only absent orders).
 */
@MonolithIntegrationTest
@WithAdminPassword
class OrderBackfillIntegrationTests {

    static final String AUTH = Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD);
    static final Instant PLACED = Instant.parse("2026-06-01T08:00:00.654321Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    /** Topics outlive the tables; the sku of this run tells its events from earlier ones. */
    String sku;

    @BeforeEach
    void fifteenLegacyOrdersAndOneOfOrderService() {
        sku = "BF-" + UUID.randomUUID().toString().substring(0, 8);
        var shop = new ShopFixtures(jdbc);
        long user = shop.user("buyer@example.com", "Buyer");
        long product = shop.product(sku, "4.20", 100);
        var orders = new OrderFixtures(jdbc);
        for (int i = 1; i <= 15; i++) {
            orders.order(i, user, product, sku, i, "4.20", PLACED.plusSeconds(i), i % 3);
        }
        // Replicated from order-service: its own to publish, not the monolith's.
        orders.order(1_000_000_001L, user, product, sku, 1, "4.20", PLACED, 0);
    }

    private JsonNode awaitDone(Http http) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> json.readTree(http.get("/admin/backfill/orders", "Authorization", AUTH).body()),
                status -> status.get("state").asString().equals("DONE"));
    }

    @Test
    void publishesEveryOwnOrderAsMarkedOrderCreatedInBatchesOfTheirOwnTransaction() {
        var http = new Http(port);
        assertThat(http.post("/admin/backfill/orders", null, "").statusCode()).as("admin only").isEqualTo(401);

        var started = http.post("/admin/backfill/orders", null, "", "Authorization", AUTH);

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/admin/backfill/orders"));
        assertThat(json.readTree(started.body()).get("total").asLong()).isEqualTo(15);
        JsonNode done = awaitDone(http);
        assertThat(done.get("published").asLong()).isEqualTo(15);

        // Batches of 7: three transactions, and the outbox stamps each row with its transaction's start.
        assertThat(jdbc.queryForObject("select count(distinct created_at) from event_outbox", Integer.class))
                .isEqualTo(3);
        assertThat(jdbc.queryForList("select distinct event_type from event_outbox", String.class))
                .containsExactly("order.created");
        assertThat(jdbc.queryForList("select distinct headers::text from event_outbox", String.class))
                .singleElement().satisfies(headers -> assertThat(json.readTree(headers).get("strangler-notified-by")
                        .asString()).isEqualTo("monolith"));
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where message_key = '1000000001'",
                Integer.class)).isZero();

        try (var topic = new TopicReader(RealInfrastructure.kafka(), "order.created")) {
            var ours = await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll().stream()
                    .filter(record -> record.value().contains(sku)).toList(), records -> records.size() == 15);
            for (var record : ours) {
                JsonNode order = json.readTree(record.value());
                long id = order.get("id").asLong();
                assertThat(record.key()).isEqualTo(Long.toString(id));
                assertThat(CloudEventHeaders.text(record.headers(), "ce_type")).isEqualTo("order.created");
                assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("monolith");
                // What keeps notification-service from confirming the order again (ADR 0025, 0033).
                assertThat(CloudEventHeaders.text(record.headers(), "strangler-notified-by")).isEqualTo("monolith");
                assertThat(order.get("version").asLong()).isEqualTo(id % 3);
                assertThat(Instant.parse(order.get("createdAt").asString())).isEqualTo(PLACED.plusSeconds(id));
                assertThat(order.get("total").decimalValue()).isEqualByComparingTo(
                        new java.math.BigDecimal("4.20").multiply(java.math.BigDecimal.valueOf(id)));
                assertThat(order.get("lines").get(0).get("quantity").asLong()).isEqualTo(id);
                assertThat(order.get("lines").get(0).get("lineTotal").decimalValue())
                        .isEqualByComparingTo(order.get("total").decimalValue());
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from sent_emails", Integer.class)).isZero();
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }

    @Test
    void runningItTwicePublishesTheSameOrdersAgainAndCountsThem() {
        var http = new Http(port);
        http.post("/admin/backfill/orders", null, "", "Authorization", AUTH);
        awaitDone(http);
        assertThat(http.post("/admin/backfill/orders", null, "", "Authorization", AUTH).statusCode()).isEqualTo(202);
        assertThat(awaitDone(http).get("published").asLong()).isEqualTo(15);

        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Integer.class)).isEqualTo(30);
        assertThat(jdbc.queryForObject("""
                select count(*) from (select message_key, payload::text from event_outbox
                                      group by message_key, payload::text having count(*) = 2) twice""", Integer.class))
                .isEqualTo(15);
        assertThat(http.get("/actuator/prometheus").body())
                .containsPattern("strangler_backfill_published_total\\{application=\"monolith\",entity=\"orders\"} \\d+")
                .contains("strangler_backfill_running{application=\"monolith\",entity=\"orders\"} 0.0");
    }
}
