package dev.strangler.messaging.support;

import dev.strangler.devstack.postgres.PostgresServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One real PostgreSQL server, with a {@code messaging} database holding the outbox table exactly as services copy it,
 * and the {@link SharedKafka} broker, wired into every test context.
 */
public final class TestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String DATABASE = "messaging";
    public static final String OUTBOX_DDL = "dev/strangler/messaging/outbox/event_outbox.postgresql.sql";
    /** The migration that adds the optional column of extra headers, applied after {@link #OUTBOX_DDL}. */
    public static final String OUTBOX_HEADERS_DDL = "dev/strangler/messaging/outbox/event_outbox_headers.postgresql.sql";

    private static PostgresServer postgres;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.application.name=messaging-test",
                "spring.datasource.url=" + postgres().jdbcUrl(DATABASE),
                "spring.datasource.username=" + PostgresServer.USER,
                "spring.datasource.password=" + PostgresServer.PASSWORD,
                "spring.kafka.bootstrap-servers=" + kafka()
        ).applyTo(context.getEnvironment());
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
            databaseWithOutbox(DATABASE);
        }
        return postgres;
    }

    /**
     * A database of its own with an empty outbox, for a test whose relay must not meet the rows of other cached test
     * contexts (every context relays the table of its database).
     */
    public static synchronized String databaseWithOutbox(String name) {
        return databaseWithOutbox(name, true);
    }

    /**
     * A database of its own with an empty outbox, as a service that copied both migrations has it, or only the
     * original table ({@code withHeaders} false), as a service that never adds headers may have it.
     */
    public static synchronized String databaseWithOutbox(String name, boolean withHeaders) {
        postgres().recreateDatabase(name);
        try {
            jdbc(name).execute(new ClassPathResource(OUTBOX_DDL).getContentAsString(StandardCharsets.UTF_8));
            if (withHeaders) {
                jdbc(name).execute(new ClassPathResource(OUTBOX_HEADERS_DDL).getContentAsString(StandardCharsets.UTF_8));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return postgres().jdbcUrl(name);
    }

    /** Straight to a test database, outside any application context. */
    public static JdbcTemplate jdbc(String database) {
        return new JdbcTemplate(new DriverManagerDataSource(postgres().jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD));
    }

    public static String kafka() {
        return SharedKafka.bootstrapServers();
    }
}
