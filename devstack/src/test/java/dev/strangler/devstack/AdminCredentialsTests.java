package dev.strangler.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminCredentialsTests {

    @TempDir
    Path dataDir;

    @Test
    void passwordFromTheEnvironmentShouldWinAndNotBeWrittenAnywhere() {
        var admin = AdminCredentials.resolve(Map.of("STRANGLER_ADMIN_USER", "ops",
                "STRANGLER_ADMIN_PASSWORD", "s3cret-from-env"), dataDir);

        assertThat(admin).isEqualTo(new AdminCredentials("ops", "s3cret-from-env", false));
        assertThat(dataDir.resolve(AdminCredentials.FILE)).doesNotExist();
    }

    @Test
    void withoutOneAPasswordShouldBeGeneratedOnceKeptPrivateAndReused() throws Exception {
        var first = AdminCredentials.resolve(Map.of(), dataDir);
        var second = AdminCredentials.resolve(Map.of(), dataDir);

        assertThat(first.user()).isEqualTo("admin");
        assertThat(first.generated()).isTrue();
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9_-]+");
        assertThat(second.password()).isEqualTo(first.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(AdminCredentials.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void anotherDataDirectoryShouldGetAnotherPassword(@TempDir Path other) {
        assertThat(AdminCredentials.resolve(Map.of(), other).password())
                .isNotEqualTo(AdminCredentials.resolve(Map.of(), dataDir).password());
    }

    @Test
    void passwordShouldNotAppearInLogsThroughToString() {
        assertThat(AdminCredentials.resolve(Map.of(), dataDir).toString()).doesNotContain(
                AdminCredentials.resolve(Map.of(), dataDir).password());
    }

    @Test
    void gatewayShouldGetThemAsEnvironmentVariables() {
        assertThat(new AdminCredentials("ops", "pw", false).asEnvironment())
                .containsEntry("STRANGLER_ADMIN_USER", "ops").containsEntry("STRANGLER_ADMIN_PASSWORD", "pw");
    }
}
