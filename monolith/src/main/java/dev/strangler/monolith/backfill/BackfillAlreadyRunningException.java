package dev.strangler.monolith.backfill;

/**
 * Thrown when a backfill is asked for while one runs: a second one at the same time would only publish everything
 * twice.
 */
public class BackfillAlreadyRunningException extends RuntimeException {

    public BackfillAlreadyRunningException(BackfillStatus running) {
        super("A backfill is already running: " + running.published() + " of " + running.total() + " published");
    }
}
