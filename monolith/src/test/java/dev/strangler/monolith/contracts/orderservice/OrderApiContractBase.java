package dev.strangler.monolith.contracts.orderservice;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.restassured.RestAssured.given;

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
    void theUsersAndOrdersTheContractsName(TestInfo test) {
        ContractOrders.restore(jdbc, port);
        // Placing: product 3 is out of stock (shouldRefuseAnOrderWhenStockIsInsufficient); 7 and 9 have stock.
        jdbc.update("insert into products (id, sku, name, description, price, stock) values "
                + "(3, 'TEA-001', 'Teapot', 'A teapot', 31.00, 0)");
        if (test.getTestMethod().map(method -> method.getName().contains("RepeatedOrderRequest")).orElse(false)) {
            theOrderARepeatedRequestFinds();
        }
    }

    /** shouldAnswerARepeatedOrderRequestAlike: the first request with its key, as shouldPlaceAnOrder sends it. */
    private static void theOrderARepeatedRequestFinds() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "contract-repeat")
                .body("{\"userId\":42,\"lines\":[{\"productId\":9,\"quantity\":3},{\"productId\":7,\"quantity\":1}]}")
                .post("/api/orders")
                .then().statusCode(201);
    }
}
