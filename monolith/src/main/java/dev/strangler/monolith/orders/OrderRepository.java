package dev.strangler.monolith.orders;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

/**
 * Orders with their lines.
 */
public interface OrderRepository extends JpaRepository<Order, Long> {

    @EntityGraph(attributePaths = "lines")
    Optional<Order> findWithLinesById(long id);

    /** Lines are loaded in batches afterwards: fetching a collection with a page would page in memory. */
    Page<Order> findByUserId(long userId, Pageable pageable);
}
