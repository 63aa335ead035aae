package dev.strangler.monolith.contracts.orderservice;

import dev.strangler.messaging.support.contracts.EventContracts;
import dev.strangler.messaging.support.contracts.PublishedEvents;
import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.migration.MigrationStateTopic;
import dev.strangler.monolith.support.MonolithIntegrationTest;
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
 * The running monolith that order-service's order.created contract ({@code contracts/order-service/subscribers}) is
 * checked against, as order-service is: the trigger places an order through the real API while notification-service
 * sends e-mail (so, as from order-service, no {@code strangler-notified-by}), and the generated test reads the event
 * the outbox relay then put on the real Kafka broker. Fields are injected because the generated subclass has only the
 * implicit no-argument constructor.
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

    @BeforeEach
    void theUsersAndOrdersTheContractsName() {
        ContractOrders.restore(jdbc, port);
    }

    /** Trigger of {@code shouldPublishOrderCreated}: one kettle and three mugs for user 42. */
    void orderPlaced() {
        migration.publishMode("notifications", "SERVICE");
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.routing("notifications").mode().equals("SERVICE"));
        long id = given().contentType(ContentType.JSON)
                .body("{\"userId\": 42, \"lines\": [{\"productId\": 9, \"quantity\": 3}, {\"productId\": 7, \"quantity\": 1}]}")
                .post("/api/orders")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
        events.expect(jdbc.queryForObject("""
                select event_id from event_outbox where message_key = ? and event_type = 'order.created'""",
                UUID.class, Long.toString(id)));
    }
}
