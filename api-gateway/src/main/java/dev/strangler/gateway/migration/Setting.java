package dev.strangler.gateway.migration;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One side of a capability's routing, or a switch's mode, as it appears in the admin API and the history: a mode, and
 * a percent for a canary.
 *
 * @param mode a {@link ReadMode}, {@link WriteMode} or {@link SwitchMode} name
 * @param percent the share of users sent to the service, only for {@code CANARY}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Setting(String mode, Integer percent) {

    static Setting of(ReadMode mode, Integer percent) {
        return new Setting(mode.name(), mode == ReadMode.CANARY ? percent : null);
    }

    static Setting of(WriteMode mode) {
        return new Setting(mode.name(), null);
    }

    static Setting of(SwitchMode mode) {
        return new Setting(mode.name(), null);
    }

    @Override
    public String toString() {
        return percent == null ? mode : mode + " " + percent + "%";
    }
}
