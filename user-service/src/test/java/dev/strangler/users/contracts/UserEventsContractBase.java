package dev.strangler.users.contracts;

import dev.strangler.messaging.support.contracts.EventContracts;
import dev.strangler.messaging.support.contracts.PublishedEvents;
import dev.strangler.users.support.UserServiceIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * The running user-service that the user event contracts ({@code contracts/user-service/subscribers}) are checked
 * against, as the monolith is: each trigger registers or changes a user through the real API, and the generated test
 * reads the event the outbox relay then put on the real Kafka broker. Fields are injected because the generated
 * subclass has only the implicit no-argument constructor.
 */
@UserServiceIntegrationTest
@Import(EventContracts.class)
abstract class UserEventsContractBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublishedEvents events;

    @BeforeEach
    void theUsersTheContractsName() {
        ContractUsers.restore(jdbc, port);
    }

    /** Trigger of {@code shouldPublishUserCreated}. */
    void userRegistered() {
        long id = register();
        events.expect(eventOf(id, "user.created"));
    }

    /** Trigger of {@code shouldPublishUserUpdated}: a new user's first change. */
    void userChanged() {
        long id = register();
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"Mary.Shelley@example.com\", \"name\": \"Mary Wollstonecraft Shelley\"}")
                .put("/api/users/{id}", id)
                .then().statusCode(200);
        events.expect(eventOf(id, "user.updated"));
    }

    private long register() {
        return given().contentType(ContentType.JSON)
                .body("{\"email\": \"Mary@Example.COM\", \"name\": \"Mary Shelley\"}")
                .post("/api/users")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** The event the change wrote to the outbox in its transaction: the one the relay must publish. */
    private UUID eventOf(long userId, String type) {
        return jdbc.queryForObject("""
                select event_id from event_outbox where message_key = ? and event_type = ? order by id desc limit 1""",
                UUID.class, Long.toString(userId), type);
    }
}
