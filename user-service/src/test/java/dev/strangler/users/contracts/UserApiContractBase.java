package dev.strangler.users.contracts;

import dev.strangler.users.support.UserServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running user-service that the users API contracts ({@code contracts/user-service}) are checked against over
 * HTTP, the same contracts the monolith is checked against. Every contract starts from empty tables plus
 * {@link ContractUsers}. Fields are injected because the generated subclass has only the implicit no-argument
 * constructor.
 */
@UserServiceIntegrationTest
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
