package dev.strangler.monolith.contracts.orderservice;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running monolith that order-service's HTTP contracts ({@code contracts/order-service/clients}) are checked
 * against over HTTP: the monolith serves {@code /api/orders} until the gateway moves it and must answer exactly as
 * order-service does. Every contract starts from empty tables plus {@link ContractOrders}; a contract that needs more
 * adds it in a {@code @BeforeEach} here, which runs after this one. Fields are injected because the generated subclass
 * has only the implicit no-argument constructor.
 */
@MonolithIntegrationTest
abstract class OrderApiContractBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void theUsersAndOrdersTheContractsName() {
        ContractOrders.restore(jdbc, port);
    }
}
