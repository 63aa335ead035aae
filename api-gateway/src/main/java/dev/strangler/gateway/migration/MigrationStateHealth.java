package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Not ready until the whole migration state has been read: a gateway that does not know who owns writes must not be
 * sent traffic.
 */
final class MigrationStateHealth implements HealthIndicator {

    private final MigrationStateStore store;

    MigrationStateHealth(MigrationStateStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        MigrationState state = store.current();
        Health.Builder health = state.loaded() ? Health.up() : Health.outOfService().withDetail("reason",
                "reading the migration.state topic");
        for (Capability capability : Capability.migratable()) {
            CapabilityState of = state.of(capability);
            health.withDetail(capability.label(), of.describe() + " version=" + of.version());
        }
        return health.build();
    }
}
