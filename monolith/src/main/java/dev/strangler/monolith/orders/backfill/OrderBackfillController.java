package dev.strangler.monolith.orders.backfill;

import dev.strangler.monolith.users.backfill.BackfillStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The admin action that starts the orders backfill and shows how far it got (authenticated: see the admin package).
 */
@RestController
@RequestMapping("/admin/backfill/orders")
class OrderBackfillController {

    private final OrderBackfill backfill;

    OrderBackfillController(OrderBackfill backfill) {
        this.backfill = backfill;
    }

    @PostMapping
    ResponseEntity<BackfillStatus> start() {
        BackfillStatus started = backfill.start();
        return ResponseEntity.accepted().location(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri())
                .body(started);
    }

    @GetMapping
    BackfillStatus status() {
        return backfill.status();
    }
}
