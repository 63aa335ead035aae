package dev.strangler.monolith.contracts.orders;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.restassured.RestAssured.given;

/**
 * The running monolith that its internal stock API contracts ({@code contracts/monolith/stock}) are checked against
 * over a real socket, through Tomcat and the real filter chain, against real PostgreSQL. Every contract starts from the
 * state contracts/monolith/README.md names: products 1 and 2 with plenty of stock, product 3 with none, reservation
 * 1000000902 reserved and 1000000903 cancelled, both through the API itself. Fields are injected because the generated
 * subclass has only the implicit no-argument constructor.
 */
@MonolithIntegrationTest
abstract class StockApiContractBase {

    static final String LINES = "{\"lines\": [{\"productId\": 2, \"quantity\": 3}, {\"productId\": 1, \"quantity\": 1}]}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void theProductsAndReservationsTheContractsName() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        jdbc.update("""
                insert into products (id, sku, name, description, price, stock) values
                  (1, 'KET-001', 'Kettle', 'A kettle', 24.90, 100),
                  (2, 'MUG-001', 'Mug', 'A mug', 7.50, 100),
                  (3, 'TEA-001', 'Teapot', 'A teapot', 31.00, 0)""");
        given().contentType(ContentType.JSON).body(LINES)
                .put("/internal/stock/reservations/1000000902")
                .then().statusCode(200);
        given().delete("/internal/stock/reservations/1000000903")
                .then().statusCode(204);
    }
}
