package dev.strangler.monolith.orders;

import dev.strangler.monolith.users.UserNotFoundException;
import dev.strangler.monolith.users.UserRepository;
import dev.strangler.monolith.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads orders for the API and the storefront, newest first.
 */
@Service
public class OrderHistory {

    private final OrderRepository orders;
    private final UserRepository users;

    OrderHistory(OrderRepository orders, UserRepository users) {
        this.orders = orders;
        this.users = users;
    }

    @Transactional(readOnly = true)
    public OrderResponse get(long id) {
        return orders.findWithLinesById(id).map(OrderResponse::of).orElseThrow(() -> new OrderNotFoundException(id));
    }

    @Transactional(readOnly = true)
    public PageResponse<OrderResponse> ofUser(long userId, int page, int size) {
        if (!users.existsById(userId)) {
            throw new UserNotFoundException(userId);
        }
        return placedBy(userId, page, size);
    }

    /**
     * The orders of a user whom the caller already knows to exist — perhaps only at user-service so far: a user
     * registered there reaches this database's users table through replication, a moment after their profile is shown.
     */
    @Transactional(readOnly = true)
    public PageResponse<OrderResponse> placedBy(long userId, int page, int size) {
        var pageable = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"));
        return PageResponse.of(orders.findByUserId(userId, pageable).map(OrderResponse::of));
    }
}
