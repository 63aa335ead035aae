package dev.strangler.users.reconciliation;

import dev.strangler.service.reconciliation.ReconciledCapability;
import dev.strangler.users.accounts.UserEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.strangler.service.reconciliation.ReconciledCapability.md5;
import static dev.strangler.service.reconciliation.ReconciledCapability.utc;

/**
 * What the gateway's reconciliation compares with the monolith: the {@code users} table, every field and the version,
 * digested exactly as the monolith digests its own (the monolith's {@code UsersReconciliation} declares the same
 * expression); repairs republish users as {@code user.updated} through the outbox.
 */
@Configuration(proxyBeanMethods = false)
class UsersReconciliation {

    static final String ROW_DIGEST = md5("id", "email", "name", "version", utc("created_at"), utc("updated_at"));

    @Bean
    ReconciledCapability users(UserEvents events) {
        return new ReconciledCapability("users", "users", ROW_DIGEST, events::republish);
    }
}
