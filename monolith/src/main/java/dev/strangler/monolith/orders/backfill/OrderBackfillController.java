package dev.strangler.monolith.orders.backfill;

import dev.strangler.monolith.backfill.BackfillController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST} and {@code GET /admin/backfill/orders}: start the orders backfill, see how far it got. */
@RestController
@RequestMapping("/admin/backfill/orders")
class OrderBackfillController extends BackfillController {

    OrderBackfillController(OrderBackfill backfill) {
        super(backfill.runner());
    }
}
