package dev.strangler.devstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevStackTests {

    @Test
    void defaultsShouldBeTheDocumentedLocalPorts() {
        var options = DevStack.parse(new String[] {"--repo-root", "/repo"});

        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.devstack"));
        assertThat(options.fresh()).isFalse();
        assertThat(options.seed()).isTrue();
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.smtpPort()).isEqualTo(3025);
        assertThat(options.mailHttpPort()).isEqualTo(8025);
        assertThat(options.servicePorts()).containsExactly(
                org.assertj.core.api.Assertions.entry("api-gateway", 8080),
                org.assertj.core.api.Assertions.entry("monolith", 8081),
                org.assertj.core.api.Assertions.entry("user-service", 8082),
                org.assertj.core.api.Assertions.entry("order-service", 8083),
                org.assertj.core.api.Assertions.entry("notification-service", 8084));
    }

    @Test
    void flagsShouldChangeFreshnessSeedAndDataDirectory() {
        var options = DevStack.parse(new String[] {"--fresh", "--no-seed", "--data-dir", "/tmp/shop"});

        assertThat(options.fresh()).isTrue();
        assertThat(options.seed()).isFalse();
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/shop"));
    }

    @Test
    void unknownFlagShouldBeRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> DevStack.parse(new String[] {"--frseh"}))
                .withMessageContaining("--frseh");
    }
}
