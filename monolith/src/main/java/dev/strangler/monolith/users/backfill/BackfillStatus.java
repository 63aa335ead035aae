package dev.strangler.monolith.users.backfill;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * What {@code GET /admin/backfill/users} shows: the last backfill run on this instance.
 *
 * @param state NOT_STARTED, RUNNING, DONE or FAILED
 * @param published users appended to the outbox so far
 * @param total users in the table when the run started (users registered during the run are published too)
 * @param startedAt when the run started
 * @param finishedAt when it ended
 * @param error why it failed
 */
public record BackfillStatus(State state, long published, long total, @Nullable Instant startedAt,
                             @Nullable Instant finishedAt, @Nullable String error) {

    /** Where a run is. */
    public enum State { NOT_STARTED, RUNNING, DONE, FAILED }

    static final BackfillStatus NOT_STARTED = new BackfillStatus(State.NOT_STARTED, 0, 0, null, null, null);

    static BackfillStatus started(long total, Instant at) {
        return new BackfillStatus(State.RUNNING, 0, total, at, null, null);
    }

    BackfillStatus progressed(long more) {
        return new BackfillStatus(state, published + more, total, startedAt, null, null);
    }

    BackfillStatus done(Instant at) {
        return new BackfillStatus(State.DONE, published, total, startedAt, at, null);
    }

    BackfillStatus failed(Instant at, String why) {
        return new BackfillStatus(State.FAILED, published, total, startedAt, at, why);
    }

    boolean running() {
        return state == State.RUNNING;
    }
}
