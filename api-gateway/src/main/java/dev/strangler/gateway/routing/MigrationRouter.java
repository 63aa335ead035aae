package dev.strangler.gateway.routing;

import dev.strangler.gateway.migration.CapabilityState;
import dev.strangler.gateway.migration.MigrationState;
import dev.strangler.gateway.migration.WriteMode;
import org.springframework.http.HttpMethod;

/**
 * The routing rules, as a pure function of the migration state and the request, so that every rule is unit-tested.
 */
final class MigrationRouter {

    private MigrationRouter() {
    }

    static boolean isRead(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    static RouteDecision decide(MigrationState state, Capability capability, HttpMethod method, String path,
                                String clientKey) {
        boolean read = isRead(method);
        if (!state.loaded()) {
            // The monolith keeps every capability's data, so a read is safe; a write might go to the wrong owner.
            return read ? RouteDecision.monolith(capability, true) : RouteDecision.refused(capability,
                    "The gateway is still reading the migration state and does not yet know who owns writes of "
                            + capability.label() + "; nothing was changed");
        }
        CapabilityState current = state.of(capability);
        if (!read) {
            return current.writes() == WriteMode.SERVICE ? RouteDecision.serviceWrite(capability)
                    : RouteDecision.monolith(capability, false);
        }
        return switch (current.reads()) {
            case MONOLITH -> RouteDecision.monolith(capability, true);
            case SHADOW -> RouteDecision.shadowed(capability);
            case CANARY -> CanarySplit.toService(CanarySplit.stickyKey(path, clientKey), current.percent())
                    ? RouteDecision.serviceRead(capability) : RouteDecision.monolith(capability, true);
            case SERVICE -> RouteDecision.serviceRead(capability);
        };
    }
}
