package dev.strangler.monolith.contracts;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running monolith that user-service's HTTP contracts ({@code contracts/user-service}) are checked against over
 * HTTP: the monolith still serves {@code /api/users} and must answer exactly as user-service does, or the gateway
 * could not switch between them. Every contract starts from empty tables plus {@link ContractUsers}. Fields are
 * injected because the generated subclass has only the implicit no-argument constructor.
 */
@MonolithIntegrationTest
abstract class UserApiContractBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void theUsersTheContractsName() {
        ContractUsers.restore(jdbc, port);
    }
}
