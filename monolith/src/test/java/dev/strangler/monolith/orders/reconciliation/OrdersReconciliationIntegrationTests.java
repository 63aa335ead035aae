package dev.strangler.monolith.orders.reconciliation;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.TopicReader;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.OrderFixtures;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import dev.strangler.monolith.support.WithAdminPassword;
import dev.strangler.service.support.Http;
import dev.strangler.service.support.ReferenceDigests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith answers the gateway's reconciliation of orders with service-support's endpoints and a row digest over
 * {@code id, user_id, status, total, created_at, version} that order-service declares too: the reference digests for
 * the same rows. Republishing puts the named orders on Kafka as {@code order.created}, marked so that nobody e-mails
 * their confirmation again.
 */
@MonolithIntegrationTest
@WithAdminPassword
class OrdersReconciliationIntegrationTests {

    private static final String BASE = "/admin/reconciliation/orders/";
    private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00.123456Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    Http http;
    long user;
    String sku;

    @BeforeEach
    void threeOrders() {
        http = new Http(port);
        sku = "RC-" + UUID.randomUUID().toString().substring(0, 8);
        var shop = new ShopFixtures(jdbc);
        user = shop.user("buyer@example.com", "Buyer");
        long product = shop.product(sku, "12.50", 100);
        var orders = new OrderFixtures(jdbc);
        for (long id = 1; id <= 3; id++) {
            orders.order(id, user, product, sku, (int) id, "12.50", CREATED.plusSeconds(id), id * 2);
        }
    }

    private HttpResponse<String> get(String path) {
        return http.get(BASE + path, "Authorization", Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD));
    }

    @Test
    void digestsShouldBeTheReferenceDigestsOrderServiceAnswersToo() {
        List<String> rows = LongStream.rangeClosed(1, 3).mapToObj(id -> ReferenceDigests.row(id, user, "PLACED",
                new BigDecimal("12.50").multiply(BigDecimal.valueOf(id)), CREATED.plusSeconds(id), id * 2)).toList();
        assertThat(rows.getFirst()).as("the reference of row 1").isEqualTo(ReferenceDigests.row(1, user, "PLACED",
                "12.50", CREATED.plusSeconds(1), 2));

        var buckets = get("buckets?width=10");
        assertThat(buckets.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(buckets.body());
        assertThat(body.get("count").asLong()).isEqualTo(3);
        assertThat(body.get("buckets").get(0).get("digest").asString()).isEqualTo(ReferenceDigests.bucket(rows));

        var rowsAnswer = get("rows?from=2&to=4");
        assertThat(rowsAnswer.statusCode()).isEqualTo(200);
        List<String> digests = new ArrayList<>();
        json.readTree(rowsAnswer.body()).forEach(row -> digests.add(row.get("digest").asString()));
        assertThat(digests).containsExactlyElementsOf(rows.subList(1, 3));
        assertThat(json.readTree(rowsAnswer.body()).get(1).get("version").asLong()).isEqualTo(6);
    }

    @Test
    void republishShouldPutTheNamedOrdersOnKafkaAsMarkedOrderCreated() {
        var answer = http.post(BASE + "republish", "application/json", "{\"ids\": [2, 3, 2, 424242]}",
                "Authorization", Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).get("republished").asLong()).isEqualTo(2);
        try (var topic = new TopicReader(RealInfrastructure.kafka(), "order.created")) {
            var record = topic.awaitFirst(candidate -> "2".equals(candidate.key()) && candidate.value().contains(sku));
            assertThat(CloudEventHeaders.text(record.headers(), "ce_source")).isEqualTo("monolith");
            assertThat(CloudEventHeaders.text(record.headers(), "strangler-notified-by")).isEqualTo("monolith");
            JsonNode order = json.readTree(record.value());
            assertThat(order.get("version").asLong()).isEqualTo(4);
            assertThat(order.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
            assertThat(Instant.parse(order.get("createdAt").asString())).isEqualTo(CREATED.plusSeconds(2));
            topic.awaitFirst(candidate -> "3".equals(candidate.key()) && candidate.value().contains(sku));
        }
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }
}
