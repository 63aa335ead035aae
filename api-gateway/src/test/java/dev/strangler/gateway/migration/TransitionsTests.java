package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransitionsTests {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    final CapabilityState start = CapabilityState.initial(Capability.USERS);

    @Test
    void readsShouldMoveThroughEveryModeAndRecordWhoMovedThemFromWhereToWhere() {
        var shadow = reads(start, "SHADOW", null);
        var canary = reads(shadow, "canary", 25);
        var service = reads(canary, "SERVICE", null);

        assertThat(service.reads()).isEqualTo(ReadMode.SERVICE);
        assertThat(service.version()).isEqualTo(3);
        assertThat(service.history()).extracting(Change::version, Change::aspect, Change::from, Change::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "reads", new Setting("CANARY", 25), new Setting("SERVICE", null)),
                        org.assertj.core.groups.Tuple.tuple(2L, "reads", new Setting("SHADOW", null), new Setting("CANARY", 25)),
                        org.assertj.core.groups.Tuple.tuple(1L, "reads", new Setting("MONOLITH", null), new Setting("SHADOW", null)));
        assertThat(service.history()).allSatisfy(change -> {
            assertThat(change.by()).isEqualTo("ops");
            assertThat(change.at()).isEqualTo(NOW);
            assertThat(change.capability()).isEqualTo("users");
        });
    }

    @Test
    void canaryPercentShouldBeKeptOnlyForCanary() {
        var canary = reads(start, "CANARY", 40);
        assertThat(canary.percent()).isEqualTo(40);
        assertThat(canary.serviceReadPercent()).isEqualTo(40);

        var service = reads(canary, "SERVICE", null);
        assertThat(service.percent()).isNull();
        assertThat(service.serviceReadPercent()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, 1000})
    void canaryPercentOutsideZeroToHundredShouldBeRefused(int percent) {
        assertThatThrownBy(() -> reads(start, "CANARY", percent))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("between 0 and 100");
    }

    @Test
    void canaryWithoutPercentAndPercentWithoutCanaryShouldBeRefused() {
        assertThatThrownBy(() -> reads(start, "CANARY", null)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("needs a percent");
        assertThatThrownBy(() -> reads(start, "SHADOW", 10)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("only to CANARY");
        assertThatThrownBy(() -> writes(reads(start, "SERVICE", null), "SERVICE", 50))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("never canaried");
    }

    @Test
    void unknownOrMissingModesShouldBeRefusedNamingTheValidOnes() {
        assertThatThrownBy(() -> reads(start, "HALFWAY", null)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("unknown read mode 'HALFWAY'")
                .hasMessageContaining("MONOLITH, SHADOW, CANARY, SERVICE");
        assertThatThrownBy(() -> writes(start, "SHADOW", null)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("unknown write mode 'SHADOW'").hasMessageContaining("MONOLITH, SERVICE");
        assertThatThrownBy(() -> reads(start, null, null)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("mode is required");
        assertThatThrownBy(() -> writes(start, " ", null)).isInstanceOf(InvalidSettingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MONOLITH", "SHADOW", "CANARY"})
    void writesShouldNotMoveToTheServiceWhileReadsAreNotThere(String readMode) {
        CapabilityState before = readMode.equals("MONOLITH") ? start
                : reads(start, readMode, readMode.equals("CANARY") ? 90 : null);

        assertThatThrownBy(() -> writes(before, "SERVICE", null))
                .isInstanceOf(TransitionRefusedException.class)
                .hasMessageContaining("move reads to SERVICE before writes");
    }

    @Test
    void readsShouldNotLeaveTheServiceWhileWritesAreThere() {
        var owned = writes(reads(start, "SERVICE", null), "SERVICE", null);

        assertThatThrownBy(() -> reads(owned, "CANARY", 50))
                .isInstanceOf(TransitionRefusedException.class)
                .hasMessageContaining("move writes back to MONOLITH first");

        var rolledBack = reads(writes(owned, "MONOLITH", null), "MONOLITH", null);
        assertThat(rolledBack.reads()).isEqualTo(ReadMode.MONOLITH);
        assertThat(rolledBack.writes()).isEqualTo(WriteMode.MONOLITH);
        assertThat(rolledBack.version()).isEqualTo(4);
    }

    @Test
    void changingToWhereItAlreadyIsShouldChangeNothing() {
        var canary = reads(start, "CANARY", 30);

        assertThat(reads(canary, "CANARY", 30)).isSameAs(canary);
        assertThat(writes(canary, "MONOLITH", null)).isSameAs(canary);
    }

    @Test
    void historyShouldKeepOnlyTheLatestChanges() {
        CapabilityState state = start;
        for (int i = 0; i < CapabilityState.HISTORY_LIMIT + 20; i++) {
            state = reads(state, "CANARY", i % 101);
        }
        assertThat(state.history()).hasSize(CapabilityState.HISTORY_LIMIT);
        assertThat(state.history().getFirst().version()).isEqualTo(state.version());
    }

    @Test
    void switchShouldFlipBothWaysAndRecordEachFlipAsAModeChange() {
        var monolith = CapabilityState.initial(Capability.NOTIFICATIONS);
        var service = mode(monolith, "service", null);
        var back = mode(service, "MONOLITH", null);

        assertThat(monolith.mode()).isEqualTo(SwitchMode.MONOLITH);
        assertThat(service.mode()).isEqualTo(SwitchMode.SERVICE);
        assertThat(back.mode()).isEqualTo(SwitchMode.MONOLITH);
        assertThat(back.version()).isEqualTo(2);
        assertThat(back.reads()).isNull();
        assertThat(back.writes()).isNull();
        assertThat(back.serviceReadPercent()).isZero();
        assertThat(back.history()).extracting(Change::capability, Change::version, Change::aspect, Change::from,
                        Change::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("notifications", 2L, "mode", new Setting("SERVICE", null),
                                new Setting("MONOLITH", null)),
                        org.assertj.core.groups.Tuple.tuple("notifications", 1L, "mode", new Setting("MONOLITH", null),
                                new Setting("SERVICE", null)));
        assertThat(mode(back, "MONOLITH", null)).isSameAs(back);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', nullValues = "null", value = {
            "CANARY   | null | unknown notifications mode 'CANARY': one of MONOLITH, SERVICE",
            "SHADOW   | null | unknown notifications mode 'SHADOW'",
            "null     | null | mode is required: one of MONOLITH, SERVICE",
            "' '      | null | mode is required",
            "SERVICE  | 50   | percent does not apply"})
    void switchShouldRefuseWhatIsNotAMode(String mode, Integer percent, String why) {
        var monolith = CapabilityState.initial(Capability.NOTIFICATIONS);

        assertThatThrownBy(() -> mode(monolith, mode, percent))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(why);
    }

    private static CapabilityState mode(CapabilityState current, String mode, Integer percent) {
        return Transitions.changeMode(current, new Setting(mode, percent), "id", "ops", NOW);
    }

    private static CapabilityState reads(CapabilityState current, String mode, Integer percent) {
        return Transitions.changeReads(current, new Setting(mode, percent), "id", "ops", NOW);
    }

    private static CapabilityState writes(CapabilityState current, String mode, Integer percent) {
        return Transitions.changeWrites(current, new Setting(mode, percent), "id", "ops", NOW);
    }
}
