package dev.strangler.monolith.orders;

import dev.strangler.monolith.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The orders JSON API: the contract the extracted order-service must honour.
 */
@RestController
class OrderApiController {

    private final OrderWrites writes;
    private final OrderHistory history;

    OrderApiController(OrderWrites writes, OrderHistory history) {
        this.writes = writes;
        this.history = history;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderResponse> place(@Valid @RequestBody PlaceOrderRequest request,
                                        @RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String key) {
        // Without a key the order is placed exactly as before; with one, a repeat gets the first answer (ADR 0030).
        // Wherever order writes are owned now: here, or at order-service (ADR 0034).
        OrderResponse order = writes.place(request, key);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(order.id()).toUri();
        return ResponseEntity.created(location).body(order);
    }

    @GetMapping("/api/orders/{id}")
    OrderResponse get(@PathVariable long id) {
        return history.get(id);
    }

    @GetMapping("/api/users/{userId}/orders")
    PageResponse<OrderResponse> ofUser(@PathVariable long userId,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return history.ofUser(userId, page, size);
    }
}
