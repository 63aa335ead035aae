package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one capability's reads and writes go, as a whole: this is the value of each record on the
 * {@code migration.state} topic, so that compaction, which keeps the last record per capability, keeps exactly what a
 * gateway needs to rebuild its routing and its audit trail.
 *
 * @param capability the capability label ({@code users}, {@code orders})
 * @param version grows by one with every change
 * @param reads who answers reads
 * @param percent the canary share of users sent to the service (0–100), only when reads are {@code CANARY}
 * @param writes who owns writes
 * @param changeId the id of the change that produced this state, which lets a writer recognise its own record
 * @param changedAt when it last changed
 * @param changedBy who last changed it
 * @param history the latest changes, newest first, bounded
 */
public record CapabilityState(String capability, long version, ReadMode reads, Integer percent, WriteMode writes,
                              String changeId, Instant changedAt, String changedBy, List<Change> history) {

    /** How many changes each record keeps; older ones live in the gateways' logs. */
    static final int HISTORY_LIMIT = 100;

    public CapabilityState {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** Where every capability starts: the monolith reads and writes, version 0, no history. */
    public static CapabilityState initial(Capability capability) {
        return new CapabilityState(capability.label(), 0, ReadMode.MONOLITH, null, WriteMode.MONOLITH, null, null,
                null, List.of());
    }

    Setting readSetting() {
        return Setting.of(reads, percent);
    }

    Setting writeSetting() {
        return Setting.of(writes);
    }

    /** The share of reads the service answers: what the migration dashboard plots. */
    public int serviceReadPercent() {
        return switch (reads) {
            case MONOLITH, SHADOW -> 0;
            case CANARY -> percent;
            case SERVICE -> 100;
        };
    }

    CapabilityState next(ReadMode reads, Integer percent, WriteMode writes, String aspect, Setting from, Setting to,
                         String changeId, String by, Instant at) {
        long nextVersion = version + 1;
        var newest = new ArrayList<Change>(HISTORY_LIMIT);
        newest.add(new Change(capability, nextVersion, aspect, from, to, by, at));
        history.stream().limit(HISTORY_LIMIT - 1).forEach(newest::add);
        return new CapabilityState(capability, nextVersion, reads, percent, writes, changeId, at, by, newest);
    }
}
