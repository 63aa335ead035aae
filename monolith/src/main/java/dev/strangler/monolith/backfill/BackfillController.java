package dev.strangler.monolith.backfill;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The admin actions that start a backfill and show how far it got (authenticated: see the admin package). Each entity
 * has its own subclass, so that its path ({@code @RequestMapping("/admin/backfill/users")}) is written where it is
 * served, and an unknown entity stays a plain 404.
 */
public abstract class BackfillController {

    private final BatchedBackfill backfill;

    protected BackfillController(BatchedBackfill backfill) {
        this.backfill = backfill;
    }

    @PostMapping
    public ResponseEntity<BackfillStatus> start() {
        BackfillStatus started = backfill.start();
        return ResponseEntity.accepted().location(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri())
                .body(started);
    }

    @GetMapping
    public BackfillStatus status() {
        return backfill.status();
    }
}
