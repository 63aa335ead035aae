package dev.strangler.orders.ordering;

import dev.strangler.orders.users.UserNotFoundException;
import dev.strangler.orders.users.UserReplica;
import dev.strangler.orders.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders JSON API's reads, the same as the monolith's (answers and errors) so that the gateway can send a request
 * to either. Placing an order has its own controller.
 */
@RestController
class OrderApiController {

    private final Orders orders;
    private final UserReplica users;

    OrderApiController(Orders orders, UserReplica users) {
        this.orders = orders;
        this.users = users;
    }

    @GetMapping("/api/orders/{id}")
    OrderResponse get(@PathVariable long id) {
        return orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
    }

    /**
     * Newest first. A user unknown here is a 404, as in the monolith, unless they have orders here: the replica may
     * not have their user event yet when their orders (replicated from the monolith) already are.
     */
    @GetMapping("/api/users/{userId}/orders")
    PageResponse<OrderResponse> ofUser(@PathVariable long userId,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PageResponse<OrderResponse> found = orders.placedBy(userId, page, size);
        if (found.totalElements() == 0 && !users.exists(userId)) {
            throw new UserNotFoundException(userId);
        }
        return found;
    }
}
