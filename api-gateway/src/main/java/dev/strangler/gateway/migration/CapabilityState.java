package dev.strangler.gateway.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strangler.gateway.routing.Capability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one capability's traffic or work goes, as a whole: this is the value of each record on the
 * {@code migration.state} topic (see {@link #topicValue()}), so that compaction, which keeps the last record per
 * capability, keeps exactly what a gateway needs to rebuild its routing and its audit trail. A routed capability has
 * reads and writes; a switch ({@code notifications}) has one mode instead.
 *
 * @param capability the capability label ({@code users}, {@code orders}, {@code notifications})
 * @param version grows by one with every change
 * @param reads who answers reads; null for a switch
 * @param percent the canary share of users sent to the service (0–100), only when reads are {@code CANARY}
 * @param writes who owns writes; null for a switch
 * @param mode who does the work of a switch; null, and left out of the record, for a routed capability
 * @param changeId the id of the change that produced this state, which lets a writer recognise its own record
 * @param changedAt when it last changed
 * @param changedBy who last changed it
 * @param history the latest changes, newest first, bounded
 */
public record CapabilityState(String capability, long version, ReadMode reads, Integer percent, WriteMode writes,
                              @JsonInclude(JsonInclude.Include.NON_NULL) SwitchMode mode, String changeId,
                              Instant changedAt, String changedBy, List<Change> history) {

    /** How many changes each record keeps; older ones live in the gateways' logs. */
    static final int HISTORY_LIMIT = 100;

    public CapabilityState {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** Where every capability starts: on the monolith, version 0, no history. */
    public static CapabilityState initial(Capability capability) {
        if (!capability.isRouted()) {
            return new CapabilityState(capability.label(), 0, null, null, null, SwitchMode.MONOLITH, null, null, null,
                    List.of());
        }
        return new CapabilityState(capability.label(), 0, ReadMode.MONOLITH, null, WriteMode.MONOLITH, null, null,
                null, null, List.of());
    }

    /** Whether this is the state of a switch (one mode) rather than of a routed capability (reads and writes). */
    boolean isSwitch() {
        return mode != null;
    }

    /** Whether the record carries what its kind of capability needs: reads and writes, or a mode. */
    boolean fits(Capability kind) {
        return kind.isRouted() ? reads != null && writes != null && mode == null
                : mode != null && reads == null && writes == null;
    }

    Setting readSetting() {
        return Setting.of(reads, percent);
    }

    Setting writeSetting() {
        return Setting.of(writes);
    }

    Setting modeSetting() {
        return Setting.of(mode);
    }

    /** What this state is in a log line or a problem detail. */
    String describe() {
        return isSwitch() ? "mode=" + mode : "reads=" + readSetting() + " writes=" + writes;
    }

    /** The share of reads the service answers: what the migration dashboard plots; 0 for a switch, which has none. */
    public int serviceReadPercent() {
        if (reads == null) {
            return 0;
        }
        return switch (reads) {
            case MONOLITH, SHADOW -> 0;
            case CANARY -> percent;
            case SERVICE -> 100;
        };
    }

    /**
     * The value written to the topic. A routed capability's record is this state, field for field, unchanged since
     * the first gateway (the monolith reads it); a switch's record has its mode at the top level and none of the
     * reads, percent and writes that mean nothing for it.
     */
    Object topicValue() {
        return isSwitch() ? new SwitchRecord(capability, version, mode, changeId, changedAt, changedBy, history) : this;
    }

    CapabilityState next(ReadMode reads, Integer percent, WriteMode writes, String aspect, Setting from, Setting to,
                         String changeId, String by, Instant at) {
        return next(reads, percent, writes, null, aspect, from, to, changeId, by, at);
    }

    CapabilityState next(SwitchMode mode, Setting from, Setting to, String changeId, String by, Instant at) {
        return next(null, null, null, mode, "mode", from, to, changeId, by, at);
    }

    private CapabilityState next(ReadMode reads, Integer percent, WriteMode writes, SwitchMode mode, String aspect,
                                 Setting from, Setting to, String changeId, String by, Instant at) {
        long nextVersion = version + 1;
        var newest = new ArrayList<Change>(HISTORY_LIMIT);
        newest.add(new Change(capability, nextVersion, aspect, from, to, by, at));
        history.stream().limit(HISTORY_LIMIT - 1).forEach(newest::add);
        return new CapabilityState(capability, nextVersion, reads, percent, writes, mode, changeId, at, by, newest);
    }

    /**
     * A switch's record on the topic: {@code {"capability":"notifications","version":3,"mode":"SERVICE",...}}.
     * Read back as a {@link CapabilityState} whose reads, percent and writes are absent.
     */
    record SwitchRecord(String capability, long version, SwitchMode mode, String changeId, Instant changedAt,
                        String changedBy, List<Change> history) {
    }
}
