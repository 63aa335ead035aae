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
 * The whole monolith on a random port against real PostgreSQL and a real SMTP server, starting from empty tables.
 * It does not follow the gateway's migration state unless a test turns {@code strangler.migration.enabled} on (and
 * gives it a broker).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strangler.seed.enabled=false", "strangler.migration.enabled=false"})
@ContextConfiguration(initializers = RealInfrastructure.class)
@AutoConfigureMockMvc
@ExtendWith(CleanSlateExtension.class)
public @interface MonolithIntegrationTest {
}
