package dev.strangler.gateway.migration;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The rules of the migration: which changes of a capability make sense from where it stands. Pure, so every rule is
 * unit-tested without a broker.
 */
final class Transitions {

    private Transitions() {
    }

    /**
     * The state after moving reads, the same state when nothing changes.
     *
     * @throws InvalidSettingException for a mode or percent that is not valid anywhere (400)
     * @throws TransitionRefusedException for a change that does not make sense from the current state (409)
     */
    static CapabilityState changeReads(CapabilityState current, Setting requested, String changeId, String by,
                                       Instant at) {
        ReadMode mode = parse(ReadMode.class, requested.mode(), "read");
        Integer percent = requested.percent();
        if (mode == ReadMode.CANARY) {
            if (percent == null) {
                throw new InvalidSettingException("CANARY needs a percent between 0 and 100");
            }
            if (percent < 0 || percent > 100) {
                throw new InvalidSettingException("percent must be between 0 and 100, not " + percent);
            }
        }
        else if (percent != null) {
            throw new InvalidSettingException("percent applies only to CANARY, not to " + mode);
        }
        if (current.writes() == WriteMode.SERVICE && mode != ReadMode.SERVICE) {
            throw new TransitionRefusedException("Writes of " + current.capability() + " are on SERVICE, so reads "
                    + "must stay there too (a client would not see its own writes): move writes back to MONOLITH first");
        }
        Setting from = current.readSetting();
        Setting to = Setting.of(mode, percent);
        if (from.equals(to)) {
            return current;
        }
        return current.next(mode, to.percent(), current.writes(), "reads", from, to, changeId, by, at);
    }

    /**
     * The state after moving writes, the same state when nothing changes.
     *
     * @throws InvalidSettingException for a mode that is not valid anywhere (400)
     * @throws TransitionRefusedException for a change that does not make sense from the current state (409)
     */
    static CapabilityState changeWrites(CapabilityState current, Setting requested, String changeId, String by,
                                        Instant at) {
        WriteMode mode = parse(WriteMode.class, requested.mode(), "write");
        if (requested.percent() != null) {
            throw new InvalidSettingException("writes are never canaried: percent does not apply");
        }
        if (mode == WriteMode.SERVICE && current.reads() != ReadMode.SERVICE) {
            throw new TransitionRefusedException("Reads of " + current.capability() + " are on " + current.reads()
                    + ": move reads to SERVICE before writes, so that the service proves it can answer first");
        }
        Setting from = current.writeSetting();
        Setting to = Setting.of(mode);
        if (from.equals(to)) {
            return current;
        }
        return current.next(current.reads(), current.percent(), mode, "writes", from, to, changeId, by, at);
    }

    /**
     * The state of a switch after moving its one mode, the same state when nothing changes. Either way is always
     * allowed: a switch has no reads and writes to keep in step.
     *
     * @throws InvalidSettingException for a mode that is not valid anywhere, or a percent (400)
     */
    static CapabilityState changeMode(CapabilityState current, Setting requested, String changeId, String by,
                                      Instant at) {
        SwitchMode mode = parse(SwitchMode.class, requested.mode(), current.capability());
        if (requested.percent() != null) {
            throw new InvalidSettingException(current.capability() + " is switched as a whole, never canaried: "
                    + "percent does not apply");
        }
        Setting from = current.modeSetting();
        Setting to = Setting.of(mode);
        if (from.equals(to)) {
            return current;
        }
        return current.next(mode, from, to, changeId, by, at);
    }

    private static <E extends Enum<E>> E parse(Class<E> modes, String requested, String what) {
        if (requested == null || requested.isBlank()) {
            throw new InvalidSettingException("mode is required: one of " + names(modes));
        }
        try {
            return Enum.valueOf(modes, requested.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSettingException("unknown " + what + " mode '" + requested + "': one of " + names(modes));
        }
    }

    private static String names(Class<? extends Enum<?>> modes) {
        return Arrays.stream(modes.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
