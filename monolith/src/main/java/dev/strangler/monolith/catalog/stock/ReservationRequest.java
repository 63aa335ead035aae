package dev.strangler.monolith.catalog.stock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What order-service sends to reserve an order's stock: the same limits as an order placed on the monolith.
 */
record ReservationRequest(@NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines) {

    /**
     * One product and how many of it.
     */
    record Line(@NotNull @Positive Long productId, @NotNull @Positive @Max(1000) Integer quantity) {
    }
}
