package dev.strangler.monolith.catalog;

import dev.strangler.monolith.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog JSON API; products stay in the monolith throughout the migration.
 */
@RestController
@RequestMapping("/api/products")
class ProductApiController {

    private final ProductRepository products;

    ProductApiController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping
    PageResponse<ProductResponse> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(products.findAll(PageRequest.of(page, size, Sort.by("id"))).map(ProductResponse::of));
    }

    @GetMapping("/{id}")
    ProductResponse get(@PathVariable long id) {
        return products.findById(id).map(ProductResponse::of).orElseThrow(() -> new ProductNotFoundException(id));
    }
}
