package dev.strangler.monolith.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole monolith on a random port against real PostgreSQL, a real SMTP server and a real Kafka broker, starting from
 * empty tables. Its relay publishes; its consumers of user and order events stay off, because every cached test context
 * shares the database and a consumer group reading from the start of the topics would replay other tests' events into
 * it.
 * It does not follow the gateway's migration state unless a test turns {@code strangler.migration.enabled} on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strangler.seed.enabled=false", "strangler.users.replication.enabled=false",
                "strangler.orders.replication.enabled=false",
                "strangler.migration.enabled=false"})
@ContextConfiguration(initializers = RealInfrastructure.class)
@AutoConfigureMockMvc
@ExtendWith(CleanSlateExtension.class)
public @interface MonolithIntegrationTest {
}
