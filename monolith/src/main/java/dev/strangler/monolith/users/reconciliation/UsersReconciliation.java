package dev.strangler.monolith.users.reconciliation;

import dev.strangler.monolith.users.UserChanged;
import dev.strangler.monolith.users.UserEvents;
import dev.strangler.service.reconciliation.ReconciledCapability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static dev.strangler.service.reconciliation.ReconciledCapability.md5;
import static dev.strangler.service.reconciliation.ReconciledCapability.utc;

/**
 * What the gateway's reconciliation compares with user-service: the legacy {@code users} table, every field and the
 * version, digested exactly as user-service digests its own (its {@code UsersReconciliation} declares the same
 * expression); while the monolith owns user writes, repairs republish users as {@code user.updated} through the
 * outbox, like the backfill.
 */
@Configuration(proxyBeanMethods = false)
class UsersReconciliation {

    static final String ROW_DIGEST = md5("id", "email", "name", "version", utc("created_at"), utc("updated_at"));

    @Bean
    ReconciledCapability users(JdbcClient jdbc, UserEvents events) {
        return new ReconciledCapability("users", "users", ROW_DIGEST, ids -> {
            List<UserChanged> found = jdbc.sql("""
                            select id, email, name, created_at, updated_at, version from users
                            where id in (:ids) order by id""")
                    .param("ids", ids)
                    .query((rs, n) -> new UserChanged(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                            rs.getLong("version")))
                    .list();
            found.forEach(events::snapshot);
            return found.size();
        });
    }
}
