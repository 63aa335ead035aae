package dev.strangler.monolith.storefront;

import dev.strangler.monolith.catalog.ProductNotFoundException;
import dev.strangler.monolith.catalog.ProductRepository;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.UUID;

/**
 * The storefront's catalog pages: the product grid and one product with its order form.
 */
@Controller
class CatalogPages {

    private static final int PAGE_SIZE = 12;

    private final ProductRepository products;

    CatalogPages(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/")
    String index(@RequestParam(defaultValue = "0") int page, Model model) {
        var result = products.findAll(PageRequest.of(Math.max(page, 0), PAGE_SIZE, Sort.by("id")));
        model.addAttribute("products", result);
        return "index";
    }

    @GetMapping("/products/{id}")
    String product(@PathVariable long id, Model model) {
        model.addAttribute("product", products.findById(id).orElseThrow(() -> new ProductNotFoundException(id)));
        // One Idempotency-Key per rendered form: a form sent twice (a double click, a resubmission after a timeout)
        // places one order (ADR 0030, 0034).
        model.addAttribute("orderKey", UUID.randomUUID().toString());
        return "product";
    }
}
