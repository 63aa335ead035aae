package dev.strangler.monolith.catalog;

import java.math.BigDecimal;

/**
 * A product as the JSON API shows it; prices are in EUR.
 */
public record ProductResponse(long id, String sku, String name, String description, BigDecimal price, int stock) {

    static ProductResponse of(Product product) {
        return new ProductResponse(product.getId(), product.getSku(), product.getName(), product.getDescription(),
                product.getPrice(), product.getStock());
    }
}
