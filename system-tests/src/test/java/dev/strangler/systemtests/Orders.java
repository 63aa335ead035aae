package dev.strangler.systemtests;

import dev.strangler.devstack.LocalStack;
import dev.strangler.devstack.mail.MailServer;
import dev.strangler.devstack.postgres.PostgresServer;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the orders system tests share: customers, orders placed through the gateway as their own clients, the
 * monolith's stock, the confirmation e-mails, and a look into a service's database where no API shows what a test
 * must prove (what order-service has, what the monolith reserved).
 */
final class Orders {

    static final long FIRST_SERVICE_ID = 1_000_000_000L;
    private static final Pattern CONFIRMATION = Pattern.compile("^Your Strangler Shop order #(\\d+)$");

    private final LocalStack stack;
    private final StackClient http;

    Orders(LocalStack stack, StackClient http) {
        this.stack = stack;
        this.http = http;
    }

    /** A customer: the id the gateway answered and the e-mail their confirmations go to. */
    record Customer(long id, String email) {
    }

    /** One line of an order. */
    record Line(long productId, int quantity) {
    }

    /** An order as a client placed it: the answer and what it asked for. */
    record Placed(HttpResponse<String> response, Customer customer, List<Line> lines, String idempotencyKey) {

        int status() {
            return response.statusCode();
        }

        long id() {
            return StackClient.read(response.body()).path("id").asLong();
        }

        String servedBy() {
            return StackClient.servedBy(response);
        }

        int quantity() {
            return lines.stream().mapToInt(Line::quantity).sum();
        }
    }

    /** Registers a customer through the gateway (wherever user writes go). */
    Customer register(String name) {
        String email = "orders-" + UUID.randomUUID() + "@example.com";
        JsonNode user = http.expect(201, as(email, "POST", "/api/users", """
                {"email": "%s", "name": "%s"}""".formatted(email, name), null));
        return new Customer(user.path("id").asLong(), email);
    }

    /** Places an order through the gateway as the customer's own client, with an Idempotency-Key of its own. */
    Placed place(Customer customer, List<Line> lines) {
        String key = UUID.randomUUID().toString();
        return place(customer, lines, key);
    }

    Placed place(Customer customer, List<Line> lines, String idempotencyKey) {
        var json = new StringBuilder("{\"userId\": %d, \"lines\": [".formatted(customer.id()));
        for (int i = 0; i < lines.size(); i++) {
            json.append(i == 0 ? "" : ", ").append("{\"productId\": %d, \"quantity\": %d}"
                    .formatted(lines.get(i).productId(), lines.get(i).quantity()));
        }
        json.append("]}");
        return new Placed(as(customer.email(), "POST", "/api/orders", json.toString(), idempotencyKey), customer,
                List.copyOf(lines), idempotencyKey);
    }

    /**
     * A request through the gateway as one client (X-Api-Key): the gateway's rate limit is per client, and a real
     * shop has many.
     */
    HttpResponse<String> as(String client, String method, String path, String body, String idempotencyKey) {
        var request = HttpRequest.newBuilder(http.gateway(path)).header("X-Api-Key", client)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return StackClient.send(request);
    }

    /** Stock by product id, from the monolith's products API (the catalog and its stock stay in the monolith). */
    Map<Long, Integer> stock() {
        var stock = new LinkedHashMap<Long, Integer>();
        for (int page = 0; ; page++) {
            JsonNode products = http.expect(200, http.get(http.at(LocalStack.MONOLITH,
                    "/api/products?size=100&page=" + page)));
            products.path("content").forEach(product -> stock.put(product.path("id").asLong(),
                    product.path("stock").asInt()));
            if (products.path("content").size() < 100) {
                return stock;
            }
        }
    }

    static int total(Map<Long, Integer> stock) {
        return stock.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Gives products more stock, as the warehouse would: there is no API for it, so straight into the monolith's
     * table, before any traffic of the test.
     */
    void restock(List<Long> products, int each) {
        for (long product : products) {
            assertThat(update(LocalStack.MONOLITH, "update products set stock = stock + ? where id = ?", each, product))
                    .isOne();
        }
    }

    /** Products with at least {@code atLeast} in stock. */
    List<Long> productsWithStock(int atLeast) {
        return stock().entrySet().stream().filter(entry -> entry.getValue() >= atLeast).map(Map.Entry::getKey)
                .toList();
    }

    /** How many confirmation e-mails the SMTP server received for each order. */
    Map<Long, Integer> confirmations() {
        var byOrder = new HashMap<Long, Integer>();
        for (MailServer.ReceivedMail mail : stack.mail().receivedMessages()) {
            Matcher confirmation = CONFIRMATION.matcher(mail.subject());
            if (confirmation.matches()) {
                byOrder.merge(Long.parseLong(confirmation.group(1)), 1, Integer::sum);
            }
        }
        return byOrder;
    }

    /** Waits until order-service's users replica has every customer (their user.created came from the monolith). */
    void awaitKnownToOrderService(List<Customer> customers) {
        Long[] ids = customers.stream().map(Customer::id).toArray(Long[]::new);
        await("order-service knows the customers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(queryLong(LocalStack.ORDER_SERVICE,
                        "select count(*) from users where id = any(?)", (Object) ids)).isEqualTo(ids.length));
    }

    /** The order as a service's own API answers it, directly (not through the gateway). */
    HttpResponse<String> orderOn(String service, long id) {
        return http.get(http.at(service, "/api/orders/" + id));
    }

    /** The single number a query of a service's database answers. */
    long queryLong(String service, String sql, Object... parameters) {
        return query(service, sql, parameters).getFirst().getFirst();
    }

    /** The ids (first column) a query of a service's database answers. */
    List<Long> ids(String service, String sql, Object... parameters) {
        return query(service, sql, parameters).stream().map(List::getFirst).toList();
    }

    /** Rows of numbers from a service's database. */
    List<List<Long>> query(String service, String sql, Object... parameters) {
        try (Connection db = connect(service); PreparedStatement statement = prepare(db, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            var result = new ArrayList<List<Long>>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                var row = new ArrayList<Long>(columns);
                for (int column = 1; column <= columns; column++) {
                    row.add(rows.getLong(column));
                }
                result.add(row);
            }
            return result;
        }
        catch (SQLException ex) {
            throw new AssertionError("Query of " + service + "'s database failed: " + sql + ": " + ex, ex);
        }
    }

    /** The status of every stock reservation the monolith holds, by reservation (order) id. */
    Map<Long, String> reservations() {
        try (Connection db = connect(LocalStack.MONOLITH); PreparedStatement statement = db.prepareStatement(
                "select reservation_id, status from stock_reservations"); ResultSet rows = statement.executeQuery()) {
            var statuses = new HashMap<Long, String>();
            while (rows.next()) {
                statuses.put(rows.getLong(1), rows.getString(2));
            }
            return statuses;
        }
        catch (SQLException ex) {
            throw new AssertionError("Could not read the monolith's stock reservations: " + ex, ex);
        }
    }

    private int update(String service, String sql, Object... parameters) {
        try (Connection db = connect(service); PreparedStatement statement = prepare(db, sql, parameters)) {
            return statement.executeUpdate();
        }
        catch (SQLException ex) {
            throw new AssertionError("Update of " + service + "'s database failed: " + sql + ": " + ex, ex);
        }
    }

    private Connection connect(String service) throws SQLException {
        String database = switch (service) {
            case LocalStack.MONOLITH -> "monolith";
            case LocalStack.ORDER_SERVICE -> "orders";
            case LocalStack.USER_SERVICE -> "users";
            case LocalStack.NOTIFICATION_SERVICE -> "notifications";
            default -> throw new IllegalArgumentException("No database of " + service);
        };
        return DriverManager.getConnection(stack.postgres().jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD);
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Long[] array) {
                statement.setArray(i + 1, db.createArrayOf("bigint", array));
            }
            else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }
}
