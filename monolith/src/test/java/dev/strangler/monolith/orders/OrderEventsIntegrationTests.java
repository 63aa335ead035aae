package dev.strangler.monolith.orders;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith publishes {@code order.created} (ADR 0025) through its outbox, in the transaction that places the order:
 * the whole order as the API shows it plus its row version, CloudEvents headers, key = order id. A refused order
 * publishes nothing.
 */
@MonolithIntegrationTest
class OrderEventsIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    ShopFixtures shop;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
    }

    private JsonNode place(String body) {
        var result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
        assertThat(result).hasStatus(201);
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private UUID eventIdOf(long orderId) {
        return jdbc.queryForObject("select event_id from event_outbox where message_key = ? and event_type = ?",
                UUID.class, Long.toString(orderId), "order.created");
    }

    private static boolean hasId(ConsumerRecord<String, String> record, UUID id) {
        return id.toString().equals(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID));
    }

    @Test
    void placedOrderPublishesOrderCreatedWithTheWholeOrderAndVersionZero() {
        long user = shop.user("buyer@example.com", "Buyer");
        long kettle = shop.product("KET-001", "24.90", 5);
        long mug = shop.product("MUG-001", "7.50", 10);
        JsonNode answer = place("""
                {"userId": %d, "lines": [{"productId": %d, "quantity": 3}, {"productId": %d, "quantity": 1}]}"""
                .formatted(user, mug, kettle));
        long orderId = answer.get("id").asLong();
        UUID eventId = eventIdOf(orderId);

        try (var topic = new TopicReader(RealInfrastructure.kafka(), "order.created")) {
            var record = topic.awaitFirst(candidate -> hasId(candidate, eventId));

            assertThat(record.key()).isEqualTo(Long.toString(orderId));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_type")).isEqualTo("order.created");
            assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("monolith");
            assertThat(CloudEventHeaders.text(record.headers(), "ce_subject")).isEqualTo(Long.toString(orderId));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_specversion")).isEqualTo("1.0");
            assertThat(CloudEventHeaders.text(record.headers(), "content-type")).isEqualTo("application/json");
            assertThat(topic.partitions()).isEqualTo(3);
            // This context does not follow the migration state, so the monolith still sends e-mail and says so.
            assertThat(CloudEventHeaders.text(record.headers(), "strangler-notified-by")).isEqualTo("monolith");

            JsonNode body = json.readTree(record.value());
            assertThat(body.get("id").asLong()).isEqualTo(orderId);
            assertThat(body.get("userId").asLong()).isEqualTo(user);
            assertThat(body.get("status").asString()).isEqualTo("PLACED");
            assertThat(body.get("total").decimalValue()).isEqualByComparingTo("47.40");
            assertThat(body.get("version").asLong()).isZero();
            assertThat(body.get("lines")).hasSize(2);
            JsonNode first = body.get("lines").get(0);
            assertThat(first.get("productId").asLong()).isEqualTo(kettle);
            assertThat(first.get("sku").asString()).isEqualTo("KET-001");
            assertThat(first.get("name").asString()).isEqualTo("Product KET-001");
            assertThat(first.get("quantity").asInt()).isOne();
            assertThat(first.get("unitPrice").decimalValue()).isEqualByComparingTo("24.90");
            assertThat(first.get("lineTotal").decimalValue()).isEqualByComparingTo("24.90");
            assertThat(body.get("lines").get(1).get("lineTotal").decimalValue()).isEqualByComparingTo("22.50");

            // The shape of GET /api/orders/{id} plus the version: the answer a later read gives, field for field.
            var read = mvc.get().uri("/api/orders/{id}", orderId).exchange();
            ObjectNode expected = (ObjectNode) json.readTree(read.getResponse().getContentAsByteArray());
            expected.put("version", 0);
            assertThat(body).isEqualTo(expected);
            assertThat(answer.get("createdAt")).isEqualTo(body.get("createdAt"));
        }
    }

    @Test
    void refusedOrdersPublishNothing() {
        long user = shop.user("refused@example.com", "Refused");
        // Topics outlive the tables each test empties: a sku of this run's own finds this test's events.
        String sku = "RAR-" + UUID.randomUUID().toString().substring(0, 8);
        long scarce = shop.product(sku, "99.00", 1);
        var before = shop.counts();

        assertThat(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                {"userId": %d, "lines": [{"productId": %d, "quantity": 2}]}""".formatted(user, scarce)))
                .hasStatus(409);
        assertThat(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                {"userId": %d, "lines": [{"productId": %d, "quantity": 1}, {"productId": 999999, "quantity": 1}]}"""
                .formatted(user, scarce))).hasStatus(422);
        assertThat(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                {"userId": 999999, "lines": [{"productId": %d, "quantity": 1}]}""".formatted(scarce)))
                .hasStatus(422);

        assertThat(shop.counts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Integer.class)).isZero();

        // Anything a refused order had published would be on the topic before this later order's event.
        long later = place("""
                {"userId": %d, "lines": [{"productId": %d, "quantity": 1}]}""".formatted(user, scarce))
                .get("id").asLong();
        UUID laterEvent = eventIdOf(later);
        try (var topic = new TopicReader(RealInfrastructure.kafka(), "order.created")) {
            topic.awaitFirst(candidate -> hasId(candidate, laterEvent));
            assertThat(topic.poll()).filteredOn(record -> record.value().contains(sku)).hasSize(1);
        }
    }
}
