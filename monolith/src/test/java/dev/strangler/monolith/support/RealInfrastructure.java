package dev.strangler.monolith.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.strangler.devstack.postgres.PostgresServer;
import dev.strangler.messaging.support.SharedKafka;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * One real PostgreSQL server, one real SMTP server and one real Kafka broker (its own process, messaging-support's
 * {@link SharedKafka}) per test JVM, wired into every integration test context.
 */
public final class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static PostgresServer postgres;
    private static GreenMail smtp;

    /** Set this property to {@code dead} to point the application at an SMTP port where nothing listens. */
    public static final String SMTP_PROPERTY = "strangler.test.smtp";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        boolean deadSmtp = "dead".equals(context.getEnvironment().getProperty(SMTP_PROPERTY));
        TestPropertyValues.of(
                "server.address=127.0.0.1",
                "spring.datasource.url=" + postgres().jdbcUrl("monolith"),
                "spring.datasource.username=" + PostgresServer.USER,
                "spring.datasource.password=" + PostgresServer.PASSWORD,
                // Every cached test context keeps its pool: at the production pool's 20 idle connections each, a
                // dozen contexts exhaust the server's 200. The maximum stays the production one.
                "spring.datasource.hikari.minimum-idle=2",
                "spring.datasource.hikari.idle-timeout=10000",
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + (deadSmtp ? freePort() : smtp().getSmtp().getPort()),
                "spring.kafka.bootstrap-servers=" + kafka()
        ).applyTo(context.getEnvironment());
    }

    /** The broker every test context publishes to and consumes from. */
    public static String kafka() {
        return SharedKafka.bootstrapServers();
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(null, 0).createDatabase("monolith");
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
        }
        return postgres;
    }

    /** The SMTP server every test context sends to; read what it received with {@link GreenMail#getReceivedMessages()}. */
    public static synchronized GreenMail smtp() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop, "stop-test-smtp"));
        }
        return smtp;
    }

    /** A loopback port nothing listens on, for pointing a client at a dead server. */
    public static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
