package dev.strangler.orders.contracts;

import dev.strangler.orders.support.MonolithStandIn;
import dev.strangler.orders.support.MonolithStandIn.Answer;
import dev.strangler.orders.support.MonolithStandIn.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monolith's stock API as it answers for the catalog of the orders contracts (contracts/order-service/README.md):
 * products 7 (KET-001, Kettle, 24.90) and 9 (MUG-001, Mug, 7.50) in stock, product 3 (TEA-001) out of stock, no other
 * product. The monolith's stubs (contracts/monolith/stock) describe another catalog (products 1 to 3), whose SKUs the
 * orders contracts' products 7 and 9 already use on the monolith, so placing on order-service is checked against this
 * stand-in, answering as those contracts say the monolith answers (placing.StockStubsIntegrationTests checks the
 * client against the stubs themselves).
 */
final class ContractCatalog {

    private record Product(String sku, String name, BigDecimal price) {
    }

    private static final Map<Long, Product> IN_STOCK = Map.of(
            7L, new Product("KET-001", "Kettle", new BigDecimal("24.90")),
            9L, new Product("MUG-001", "Mug", new BigDecimal("7.50")));

    private ContractCatalog() {
    }

    static MonolithStandIn start() {
        MonolithStandIn monolith = MonolithStandIn.start();
        monolith.answer(ContractCatalog::answer);
        return monolith;
    }

    private static Answer answer(Request request) {
        if (request.method().equals("DELETE")) {
            return Answer.status(204);
        }
        List<String> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : JsonMapper.shared().readTree(request.body()).get("lines")) {
            long productId = line.get("productId").asLong();
            int quantity = line.get("quantity").asInt();
            if (productId == 3) {
                return Answer.problem(409, "Insufficient stock", "Not enough stock left of product 3 (TEA-001)");
            }
            Product product = IN_STOCK.get(productId);
            if (product == null) {
                return Answer.problem(422, "Unknown product", "Product " + productId + " does not exist");
            }
            BigDecimal lineTotal = product.price().multiply(BigDecimal.valueOf(quantity));
            total = total.add(lineTotal);
            lines.add("""
                    {"productId":%d,"sku":"%s","name":"%s","quantity":%d,"unitPrice":%s,"lineTotal":%s}"""
                    .formatted(productId, product.sku(), product.name(), quantity, product.price(), lineTotal));
        }
        return Answer.json(200, """
                {"reservationId":%d,"status":"RESERVED","lines":[%s],"total":%s}"""
                .formatted(request.reservationId(), String.join(",", lines), total));
    }
}
