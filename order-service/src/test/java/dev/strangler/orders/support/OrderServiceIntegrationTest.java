package dev.strangler.orders.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole order-service on a random port against real PostgreSQL and a real Kafka broker, starting from empty tables.
 * Its relay publishes; its consumers (users, the monolith's orders) stay off, because every cached test context shares the
 * database and a consumer group reading from the start of the topics would replay other tests' events into it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "strangler.orders.replication.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
@AutoConfigureMockMvc
@ExtendWith(CleanSlateExtension.class)
public @interface OrderServiceIntegrationTest {
}
