package dev.strangler.orders.contracts;

import io.restassured.RestAssured;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The state every orders contract starts from, the same on both producers (the monolith's
 * {@code contracts.orderservice.ContractOrders} writes the same rows, in its own tables;
 * contracts/order-service/README.md): users 42 (Ada Lovelace) and 43 (Grace Hopper, no orders), orders 1001 and 1002
 * of user 42, with their ids written explicitly, as replication writes them, and RestAssured aimed at the server
 * under test.
 */
final class ContractOrders {

    private ContractOrders() {
    }

    static void restore(JdbcTemplate jdbc, int port) {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        jdbc.update("""
                insert into users (id, email, name, version) values
                  (42, 'ada@example.com', 'Ada Lovelace', 0),
                  (43, 'grace@example.com', 'Grace Hopper', 3)""");
        jdbc.update("""
                insert into orders (id, user_id, status, total, created_at, version) values
                  (1001, 42, 'PLACED', 47.40, '2026-11-20T09:00:00.123456Z', 0),
                  (1002, 42, 'PLACED', 49.80, '2026-11-21T10:30:00Z', 0)""");
        jdbc.update("""
                insert into order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price) values
                  (1001, 1, 7, 'KET-001', 'Kettle', 1, 24.90),
                  (1001, 2, 9, 'MUG-001', 'Mug', 3, 7.50),
                  (1002, 1, 7, 'KET-001', 'Kettle', 2, 24.90)""");
    }
}
