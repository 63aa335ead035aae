package dev.strangler.monolith.users.backfill;

import dev.strangler.monolith.backfill.BackfillController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST} and {@code GET /admin/backfill/users}: start the users backfill, see how far it got. */
@RestController
@RequestMapping("/admin/backfill/users")
class UserBackfillController extends BackfillController {

    UserBackfillController(UserBackfill backfill) {
        super(backfill.runner());
    }
}
