package dev.strangler.monolith.contracts.orders;

import dev.strangler.messaging.support.contracts.EventContracts;
import dev.strangler.messaging.support.contracts.PublishedEvents;
import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.migration.MigrationStateTopic;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The running monolith that its own event contracts ({@code contracts/monolith/subscribers}) are checked against: each
 * trigger sets the {@code notifications} capability on a migration state topic of this test's own, places an order
 * through the real API, and the generated test reads the {@code order.created} the outbox relay then put on the real
 * Kafka broker. Fields are injected because the generated subclass has only the implicit no-argument constructor.
 */
@MonolithIntegrationTest
@Import(EventContracts.class)
abstract class OrderEventsContractBase {

    static final MigrationStateTopic migration = new MigrationStateTopic();

    @DynamicPropertySource
    static void followTheMigration(DynamicPropertyRegistry registry) {
        registry.add("strangler.migration.enabled", () -> "true");
        registry.add("strangler.migration.topic", migration::name);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublishedEvents events;

    @Autowired
    MigrationStateFollower follower;

    /** The state every order contract starts from (contracts/monolith/README.md), with explicit ids. */
    @BeforeEach
    void theUserAndProductsTheContractsName() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        jdbc.update("""
                insert into users (id, email, name, created_at, updated_at, version) values
                  (42, 'ada@example.com', 'Ada Lovelace', '2026-01-15T10:00:00.123456Z', '2026-01-15T10:00:00.123456Z', 0)""");
        jdbc.update("""
                insert into products (id, sku, name, description, price, stock) values
                  (7, 'KET-001', 'Kettle', 'A kettle', 24.90, 10),
                  (9, 'MUG-001', 'Mug', 'A mug', 7.50, 10)""");
    }

    /** Trigger of {@code shouldPublishOrderCreated}. */
    void orderPlacedWhileNotificationServiceSendsEmail() {
        notifications("SERVICE");
        events.expect(eventOf(placeOrder()));
    }

    /** Trigger of {@code shouldPublishOrderCreatedNotifiedByTheMonolith}. */
    void orderPlacedWhileTheMonolithSendsEmail() {
        notifications("MONOLITH");
        events.expect(eventOf(placeOrder()));
    }

    private void notifications(String mode) {
        migration.publishMode("notifications", mode);
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.routing("notifications").mode().equals(mode));
    }

    private long placeOrder() {
        return given().contentType(ContentType.JSON)
                .body("{\"userId\": 42, \"lines\": [{\"productId\": 9, \"quantity\": 3}, {\"productId\": 7, \"quantity\": 1}]}")
                .post("/api/orders")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** The event the order wrote to the outbox in its transaction: the one the relay must publish. */
    private UUID eventOf(long orderId) {
        return jdbc.queryForObject("""
                select event_id from event_outbox where message_key = ? and event_type = 'order.created'""",
                UUID.class, Long.toString(orderId));
    }
}
