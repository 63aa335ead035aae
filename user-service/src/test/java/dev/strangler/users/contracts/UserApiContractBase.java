package dev.strangler.users.contracts;

import dev.strangler.users.support.UserServiceIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running user-service that the users API contracts ({@code contracts/user-service}) are checked against over
 * HTTP, the same contracts the monolith is checked against. Every contract starts from an empty table plus the three
 * users the contracts name, written with their ids as replication writes them. Fields are injected because the
 * generated subclass has only the implicit no-argument constructor.
 */
@UserServiceIntegrationTest
abstract class UserApiContractBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void theUsersTheContractsName() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        jdbc.update("""
                insert into users (id, email, name, created_at, updated_at, version) values
                  (42, 'ada@example.com', 'Ada Lovelace', '2026-01-15T10:00:00.123456Z', '2026-01-15T10:00:00.123456Z', 0),
                  (43, 'grace@example.com', 'Grace Hopper', '2026-01-16T11:30:00Z', '2026-02-01T09:00:00.5Z', 3),
                  (44, 'linus@example.com', 'Linus Torvalds', '2026-01-17T08:00:00Z', '2026-01-17T08:00:00Z', 0)""");
    }
}
