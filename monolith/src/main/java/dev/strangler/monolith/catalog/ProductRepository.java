package dev.strangler.monolith.catalog;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * The catalog, and the one atomic way to take stock.
 */
public interface ProductRepository extends JpaRepository<Product, Long> {

    /**
     * Takes stock only if enough is left, in one statement, so concurrent orders can never oversell.
     *
     * @return 1 if the stock was taken, 0 if not enough was left
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Product p set p.stock = p.stock - :quantity where p.id = :id and p.stock >= :quantity")
    int takeStock(@Param("id") long id, @Param("quantity") int quantity);
}
