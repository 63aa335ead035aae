package dev.strangler.notifications.deadletters;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/notifications/dead-letters/replay}: handles every dead letter of the e-mail topics again,
 * idempotently (the admin account of service-support guards {@code /admin/**}).
 */
@RestController
class DeadLetterReplayController {

    private final DeadLetterReplay replay;

    DeadLetterReplayController(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @PostMapping("/admin/notifications/dead-letters/replay")
    ReplayResult replay() {
        return replay.replay();
    }
}
