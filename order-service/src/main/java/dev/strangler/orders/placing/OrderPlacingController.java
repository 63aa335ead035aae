package dev.strangler.orders.placing;

import dev.strangler.orders.ordering.OrderResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /api/orders}: the monolith's request, validation and answers (contracts/order-service), placed with a
 * stock reservation at the monolith (ADR 0038) and at most once per Idempotency-Key (ADR 0030).
 */
@RestController
class OrderPlacingController {

    private final OrderPlacement placement;

    OrderPlacingController(OrderPlacement placement) {
        this.placement = placement;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderResponse> place(
            @Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String key) {
        OrderResponse order = placement.place(request, key == null ? null : new IdempotencyKey(key));
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(order.id())
                .toUri();
        return ResponseEntity.created(location).body(order);
    }
}
