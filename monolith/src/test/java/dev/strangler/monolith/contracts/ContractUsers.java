package dev.strangler.monolith.contracts;

import io.restassured.RestAssured;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The state every users contract starts from, the same on both producers (user-service's
 * {@code UserApiContractBase} writes the same rows): three users with their ids written explicitly, as replication
 * writes them, and RestAssured aimed at the server under test.
 */
final class ContractUsers {

    private ContractUsers() {
    }

    static void restore(JdbcTemplate jdbc, int port) {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        jdbc.update("""
                insert into users (id, email, name, created_at, updated_at, version) values
                  (42, 'ada@example.com', 'Ada Lovelace', '2026-01-15T10:00:00.123456Z', '2026-01-15T10:00:00.123456Z', 0),
                  (43, 'grace@example.com', 'Grace Hopper', '2026-01-16T11:30:00Z', '2026-02-01T09:00:00.5Z', 3),
                  (44, 'linus@example.com', 'Linus Torvalds', '2026-01-17T08:00:00Z', '2026-01-17T08:00:00Z', 0)""");
    }
}
