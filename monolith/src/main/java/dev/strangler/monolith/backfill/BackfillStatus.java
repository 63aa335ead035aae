package dev.strangler.monolith.backfill;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * What {@code GET /admin/backfill/users} (or {@code /orders}) shows: the last backfill of that entity on this instance.
 *
 * @param state NOT_STARTED, RUNNING, DONE or FAILED
 * @param published rows appended to the outbox so far
 * @param total rows to publish when the run started (rows written during the run are published too)
 * @param startedAt when the run started
 * @param finishedAt when it ended
 * @param error why it failed
 */
public record BackfillStatus(State state, long published, long total, @Nullable Instant startedAt,
                             @Nullable Instant finishedAt, @Nullable String error) {

    /** Where a run is. */
    public enum State { NOT_STARTED, RUNNING, DONE, FAILED }

    public static final BackfillStatus NOT_STARTED = new BackfillStatus(State.NOT_STARTED, 0, 0, null, null, null);

    public static BackfillStatus started(long total, Instant at) {
        return new BackfillStatus(State.RUNNING, 0, total, at, null, null);
    }

    public BackfillStatus progressed(long more) {
        return new BackfillStatus(state, published + more, total, startedAt, null, null);
    }

    public BackfillStatus done(Instant at) {
        return new BackfillStatus(State.DONE, published, total, startedAt, at, null);
    }

    public BackfillStatus failed(Instant at, String why) {
        return new BackfillStatus(State.FAILED, published, total, startedAt, at, why);
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}
