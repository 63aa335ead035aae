package dev.strangler.monolith.support;

import dev.strangler.devstack.postgres.PostgresServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server of a test's own, which it can stop and start again on the same port and data, as in an outage.
 * List it after {@link RealInfrastructure}: it points the context's datasource at itself.
 */
public final class StoppablePostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static PostgresServer server;
    private static Path dataDir;
    private static int port;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.datasource.url=" + start().jdbcUrl("monolith"),
                // Fail fast while it is down, so that the outage is seen within the test's patience.
                "spring.datasource.hikari.connection-timeout=1000"
        ).applyTo(context.getEnvironment());
    }

    private static synchronized PostgresServer start() {
        if (server == null) {
            try {
                dataDir = Files.createTempDirectory("monolith-test-stoppable-postgres");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            port = RealInfrastructure.freePort();
            server = PostgresServer.start(dataDir, port).createDatabase("monolith");
            Runtime.getRuntime().addShutdownHook(new Thread(StoppablePostgres::stop, "stop-stoppable-postgres"));
        }
        return server;
    }

    public static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts it again on the same port and data directory. */
    public static synchronized void restart() {
        stop();
        server = PostgresServer.start(dataDir, port);
    }
}
