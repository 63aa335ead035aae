package dev.strangler.orders.contracts;

import dev.strangler.orders.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running order-service that the orders API contracts ({@code contracts/order-service/clients}) are checked
 * against over HTTP, the same contracts the monolith is checked against. Every contract starts from empty tables plus
 * {@link ContractOrders}; a contract that needs more (placing an order: the monolith's stock API) adds it in a
 * {@code @BeforeEach} here, which runs after this one. Fields are injected because the generated subclass has only the
 * implicit no-argument constructor.
 */
@OrderServiceIntegrationTest
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
