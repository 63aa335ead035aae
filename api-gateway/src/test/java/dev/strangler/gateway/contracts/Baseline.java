package dev.strangler.gateway.contracts;

import dev.strangler.gateway.migration.MigrationStateStore;
import dev.strangler.gateway.routing.Capability;
import dev.strangler.gateway.support.Admin;

/**
 * The state every contract starts from, whatever ran before it in the same context: users and orders read and written
 * by the monolith, notifications sent by the monolith, each with at least one recorded change, so that the version,
 * the last change and the history a contract shows are always there. The contexts list notification-service in
 * discovery, without which notifications could not visit SERVICE.
 */
final class Baseline {

    private Baseline() {
    }

    static void restore(Admin admin, MigrationStateStore store) {
        for (Capability capability : Capability.migratable()) {
            if (!capability.isRouted()) {
                admin.modeTo(capability.label(), "MONOLITH");
                if (store.current().of(capability).history().isEmpty()) {
                    admin.modeTo(capability.label(), "SERVICE").modeTo(capability.label(), "MONOLITH");
                }
                continue;
            }
            // Writes first: reads may not leave SERVICE while writes are there.
            admin.reset(capability.label());
            if (store.current().of(capability).history().isEmpty()) {
                admin.readsTo(capability.label(), "SHADOW").readsTo(capability.label(), "MONOLITH");
            }
        }
    }
}
