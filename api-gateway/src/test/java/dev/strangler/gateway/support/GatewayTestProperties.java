package dev.strangler.gateway.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import java.util.Map;
import java.util.UUID;

/**
 * Wires a gateway test context to the shared Kafka broker with a {@code migration.state} topic of its own, the test
 * admin account, and rate limits no test reaches. These are defaults: they rank just above {@code application.yml},
 * so a test's own properties still win.
 */
public final class GatewayTestProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var sources = context.getEnvironment().getPropertySources();
        PropertySource<?> defaults = new MapPropertySource("gateway-test-defaults", Map.of(
                "server.address", "127.0.0.1",
                "spring.kafka.bootstrap-servers", SharedKafka.bootstrapServers(),
                "strangler.admin.user", ADMIN_USER,
                "strangler.admin.password", ADMIN_PASSWORD,
                "strangler.migration.topic", "migration.state.test-" + UUID.randomUUID(),
                "strangler.rate-limit.burst", "1000000",
                "strangler.rate-limit.refill", "1000000"));
        sources.stream()
                .filter(source -> source.getName().startsWith("Config resource"))
                .findFirst()
                .ifPresentOrElse(applicationYml -> sources.addBefore(applicationYml.getName(), defaults),
                        () -> sources.addLast(defaults));
    }
}
