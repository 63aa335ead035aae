package dev.strangler.notifications.support;

import dev.strangler.devstack.postgres.PostgresServer;
import dev.strangler.messaging.support.SharedKafka;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real PostgreSQL server per test JVM with the service's {@code notifications} database, one real Kafka broker
 * (messaging-support's {@link SharedKafka}) and one real SMTP server ({@link TestSmtp}, which tests stop and start),
 * wired into every test context.
 */
public final class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static PostgresServer postgres;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "server.address=127.0.0.1",
                "spring.datasource.url=" + postgres().jdbcUrl("notifications"),
                "spring.datasource.username=" + PostgresServer.USER,
                "spring.datasource.password=" + PostgresServer.PASSWORD,
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + TestSmtp.port(),
                "spring.kafka.bootstrap-servers=" + kafka()
        ).applyTo(context.getEnvironment());
    }

    public static String kafka() {
        return SharedKafka.bootstrapServers();
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(null, 0).createDatabase("notifications");
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
        }
        return postgres;
    }
}
