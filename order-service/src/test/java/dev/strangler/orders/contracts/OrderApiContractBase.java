package dev.strangler.orders.contracts;

import dev.strangler.orders.support.MonolithStandIn;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.restassured.RestAssured.given;

/**
 * The running order-service that the orders API contracts ({@code contracts/order-service/clients}) are checked
 * against over HTTP, the same contracts the monolith is checked against. Every contract starts from empty tables plus
 * {@link ContractOrders}; a contract that needs more (placing an order: the monolith's stock API) adds it in a
 * {@code @BeforeEach} here, which runs after this one. Fields are injected because the generated subclass has only the
 * implicit no-argument constructor.
 */
@OrderServiceIntegrationTest
abstract class OrderApiContractBase {

    /** Where placing an order reserves stock: the monolith as the contracts' catalog has it (one per test JVM). */
    static final MonolithStandIn monolith = ContractCatalog.start();

    @DynamicPropertySource
    static void monolithIsTheContractsCatalog(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.monolith[0].uri", monolith::url);
        registry.add("strangler.orders.attempts.sweeper-enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void theUsersAndOrdersTheContractsName(TestInfo test) {
        ContractOrders.restore(jdbc, port);
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
