package dev.strangler.monolith.catalog;

import dev.strangler.monolith.support.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock update against real PostgreSQL, with the Flyway schema: it takes stock only when enough is left.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = RealInfrastructure.class)
class ProductRepositoryIntegrationTests {

    @Autowired
    ProductRepository products;

    @Test
    void takeStockShouldTakeWhatIsLeftAndNeverGoNegative() {
        long id = products.saveAndFlush(new Product("SLICE-1", "Slice", "For the slice test", new BigDecimal("1.00"), 3))
                .getId();

        assertThat(products.takeStock(id, 2)).isEqualTo(1);
        assertThat(products.takeStock(id, 2)).isZero();
        assertThat(products.takeStock(id, 1)).isEqualTo(1);
        assertThat(products.takeStock(id, 1)).isZero();
        assertThat(products.findById(id)).hasValueSatisfying(product -> assertThat(product.getStock()).isZero());
    }

    @Test
    void takeStockOfUnknownProductShouldTakeNothing() {
        assertThat(products.takeStock(987_654L, 1)).isZero();
    }
}
