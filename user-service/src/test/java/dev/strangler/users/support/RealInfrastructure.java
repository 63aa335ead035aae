package dev.strangler.users.support;

import dev.strangler.devstack.postgres.PostgresServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real PostgreSQL server per test JVM, with the service's {@code users} database, wired into every test context
 * that needs a database.
 */
public final class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static PostgresServer postgres;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "server.address=127.0.0.1",
                "spring.datasource.url=" + postgres().jdbcUrl("users"),
                "spring.datasource.username=" + PostgresServer.USER,
                "spring.datasource.password=" + PostgresServer.PASSWORD
        ).applyTo(context.getEnvironment());
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(null, 0).createDatabase("users");
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
        }
        return postgres;
    }
}
