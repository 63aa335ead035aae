package dev.strangler.service.reconciliation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReconciledCapabilityTests {

    private static final ReconciledCapability.Republisher NOTHING = List::size;

    @Test
    void rowDigestHelpersBuildTheExpressionTheGatewaysFirstReconciliationWasWrittenAgainst() {
        // user-service's original digest SQL, before it moved here: the helpers must not change a single character.
        assertThat(ReconciledCapability.md5("id", "email", "name", "version", ReconciledCapability.utc("created_at"),
                ReconciledCapability.utc("updated_at")))
                .isEqualToIgnoringWhitespace("""
                        md5(id || '|' || email || '|' || name || '|' || version
                            || '|' || to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
                            || '|' || to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))""");
    }

    @Test
    void capabilityAndTableMustBePlainNamesBecauseTheyEndUpInSqlAndPaths() {
        assertThat(new ReconciledCapability("users", "legacy_users", "md5(id::text)", NOTHING).table())
                .isEqualTo("legacy_users");
        for (String[] names : new String[][] {{"users", "users; drop table users"}, {"Users", "users"},
                {"users/../x", "users"}, {"users", "public.users"}, {"", "users"}}) {
            assertThatIllegalArgumentException().as(String.join(" / ", names))
                    .isThrownBy(() -> new ReconciledCapability(names[0], names[1], "md5(id::text)", NOTHING));
        }
    }
}
