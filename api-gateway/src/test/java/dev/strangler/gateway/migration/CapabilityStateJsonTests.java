package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records on {@code migration.state} as other components read them: the users and orders records keep, byte for
 * byte, the layout the monolith has parsed since the first gateway; the notifications record has its mode at the top
 * level and nothing of reads and writes; and a gateway reads both back to the state it wrote.
 */
class CapabilityStateJsonTests {

    static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void routedRecordShouldKeepTheLayoutTheMonolithParses() {
        var shadow = Transitions.changeReads(CapabilityState.initial(Capability.USERS), new Setting("SHADOW", null),
                "c-1", "admin", AT);
        var canary = Transitions.changeReads(CapabilityState.initial(Capability.ORDERS), new Setting("CANARY", 40),
                "c-2", "admin", AT);

        // Both strings are what the gateway wrote before notifications existed.
        assertThat(json.writeValueAsString(shadow.topicValue())).isEqualTo("""
                {"capability":"users","version":1,"reads":"SHADOW","percent":null,"writes":"MONOLITH",\
                "changeId":"c-1","changedAt":"2026-11-24T10:00:00Z","changedBy":"admin","history":[\
                {"capability":"users","version":1,"aspect":"reads","from":{"mode":"MONOLITH"},"to":{"mode":"SHADOW"},\
                "by":"admin","at":"2026-11-24T10:00:00Z"}]}""");
        assertThat(json.writeValueAsString(canary.topicValue())).startsWith("""
                {"capability":"orders","version":1,"reads":"CANARY","percent":40,"writes":"MONOLITH",\
                "changeId":"c-2",""");
    }

    @Test
    void switchRecordShouldHaveItsModeAtTheTopLevelAndNoReadsOrWrites() {
        var service = Transitions.changeMode(CapabilityState.initial(Capability.NOTIFICATIONS),
                new Setting("SERVICE", null), "c-3", "admin", AT);

        assertThat(json.writeValueAsString(service.topicValue())).isEqualTo("""
                {"capability":"notifications","version":1,"mode":"SERVICE","changeId":"c-3",\
                "changedAt":"2026-11-24T10:00:00Z","changedBy":"admin","history":[\
                {"capability":"notifications","version":1,"aspect":"mode","from":{"mode":"MONOLITH"},\
                "to":{"mode":"SERVICE"},"by":"admin","at":"2026-11-24T10:00:00Z"}]}""");
    }

    @Test
    void recordsShouldReadBackToTheStateThatWroteThemAndFitOnlyTheirKindOfCapability() {
        var users = Transitions.changeReads(CapabilityState.initial(Capability.USERS), new Setting("CANARY", 25),
                "c-4", "admin", AT);
        var notifications = Transitions.changeMode(CapabilityState.initial(Capability.NOTIFICATIONS),
                new Setting("SERVICE", null), "c-5", "admin", AT);

        var usersRead = json.readValue(json.writeValueAsString(users.topicValue()), CapabilityState.class);
        var notificationsRead = json.readValue(json.writeValueAsString(notifications.topicValue()),
                CapabilityState.class);

        assertThat(usersRead).isEqualTo(users);
        assertThat(notificationsRead).isEqualTo(notifications);
        assertThat(usersRead.fits(Capability.USERS)).isTrue();
        assertThat(usersRead.fits(Capability.NOTIFICATIONS)).isFalse();
        assertThat(notificationsRead.fits(Capability.NOTIFICATIONS)).isTrue();
        assertThat(notificationsRead.fits(Capability.USERS)).isFalse();
    }
}
