package dev.strangler.messaging.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayTests {

    @Test
    void backOffDoublesFromTheInitialPauseUpToTheMaximum() {
        var properties = new OutboxProperties(new OutboxProperties.Relay(true, 500, Duration.ofMillis(250),
                Duration.ofMillis(500), Duration.ofSeconds(30)),
                new OutboxProperties.Producer(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                Duration.ofDays(7));
        var relay = new OutboxRelay(null, null, null, null, properties);

        assertThat(relay.backOff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(relay.backOff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(relay.backOff(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(relay.backOff(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(relay.backOff(10_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
