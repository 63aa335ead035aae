package dev.strangler.orders.support;

import dev.strangler.devstack.postgres.PostgresServer;
import dev.strangler.messaging.support.SharedKafka;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real PostgreSQL server per test JVM, with the service's {@code orders} database, and one real Kafka broker (its
 * own process, messaging-support's {@link SharedKafka}), wired into every test context.
 */
public final class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static PostgresServer postgres;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "server.address=127.0.0.1",
                "spring.datasource.url=" + postgres().jdbcUrl("orders"),
                "spring.datasource.username=" + PostgresServer.USER,
                "spring.datasource.password=" + PostgresServer.PASSWORD,
                "spring.kafka.bootstrap-servers=" + kafka()
        ).applyTo(context.getEnvironment());
    }

    /** The broker every test context publishes to and consumes from. */
    public static String kafka() {
        return SharedKafka.bootstrapServers();
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(null, 0).createDatabase("orders");
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
        }
        return postgres;
    }
}
