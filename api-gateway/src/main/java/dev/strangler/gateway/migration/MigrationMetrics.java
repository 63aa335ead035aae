package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The migration state as gauges: which mode each side of each capability is in (1 for the current mode, 0 for the
 * others; a switch's one side is {@code operation="mode"}) and the share of reads the service answers, for the
 * migration dashboard.
 */
final class MigrationMetrics {

    private final AtomicReference<MigrationState> state = new AtomicReference<>(MigrationState.loading());

    MigrationMetrics(MeterRegistry meters) {
        Gauge.builder("strangler.migration.state.loaded", state, current -> current.get().loaded() ? 1 : 0)
                .description("1 once the gateway has read the whole migration.state topic")
                .register(meters);
        for (Capability capability : Capability.migratable()) {
            Gauge.builder("strangler.migration.version", state, current -> current.get().of(capability).version())
                    .description("How many changes a capability has seen")
                    .tags("capability", capability.label())
                    .register(meters);
            if (!capability.isRouted()) {
                // A switch has one side, labelled operation="mode", and no reads to share out.
                for (SwitchMode mode : SwitchMode.values()) {
                    Gauge.builder("strangler.migration.mode", state,
                                    current -> current.get().of(capability).mode() == mode ? 1 : 0)
                            .tags("capability", capability.label(), "operation", "mode", "mode", mode.name())
                            .register(meters);
                }
                continue;
            }
            for (ReadMode mode : ReadMode.values()) {
                Gauge.builder("strangler.migration.mode", state,
                                current -> current.get().of(capability).reads() == mode ? 1 : 0)
                        .description("1 for the mode each side of a capability is in, 0 for the others")
                        .tags("capability", capability.label(), "operation", "read", "mode", mode.name())
                        .register(meters);
            }
            for (WriteMode mode : WriteMode.values()) {
                Gauge.builder("strangler.migration.mode", state,
                                current -> current.get().of(capability).writes() == mode ? 1 : 0)
                        .tags("capability", capability.label(), "operation", "write", "mode", mode.name())
                        .register(meters);
            }
            Gauge.builder("strangler.migration.percent", state,
                            current -> current.get().of(capability).serviceReadPercent())
                    .description("Share of a capability's reads that the service answers (canary percent; 100 on SERVICE)")
                    .tags("capability", capability.label())
                    .register(meters);
        }
    }

    void update(MigrationState next) {
        state.set(next);
    }
}
