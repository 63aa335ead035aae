package dev.strangler.orders.placing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What a client sends to place an order: the monolith's request, with the same validation, so that both answer a bad
 * request alike (contracts/order-service).
 */
record PlaceOrderRequest(
        @NotNull @Positive Long userId,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines) {

    /**
     * One product and how many of it.
     */
    record Line(@NotNull @Positive Long productId, @NotNull @Positive @Max(1000) Integer quantity) {
    }
}
