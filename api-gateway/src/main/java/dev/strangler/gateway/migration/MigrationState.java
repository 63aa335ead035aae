package dev.strangler.gateway.migration;

import dev.strangler.gateway.routing.Capability;

import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable snapshot of where every capability's traffic goes, swapped as a whole when a change arrives, so that
 * a request never sees half of a change.
 *
 * @param loaded whether the gateway has read the whole {@code migration.state} topic since it started
 * @param capabilities the state of each capability that has ever changed
 */
public record MigrationState(boolean loaded, Map<Capability, CapabilityState> capabilities) {

    public MigrationState {
        capabilities = Map.copyOf(capabilities);
    }

    static MigrationState loading() {
        return new MigrationState(false, Map.of());
    }

    /** The capability's state; one that never changed is where every capability starts. */
    public CapabilityState of(Capability capability) {
        CapabilityState state = capabilities.get(capability);
        return state != null ? state : CapabilityState.initial(capability);
    }

    MigrationState with(Capability capability, CapabilityState state) {
        var next = new EnumMap<Capability, CapabilityState>(Capability.class);
        next.putAll(capabilities);
        next.put(capability, state);
        return new MigrationState(loaded, next);
    }

    MigrationState asLoaded() {
        return new MigrationState(true, capabilities);
    }
}
