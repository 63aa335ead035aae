package dev.strangler.gateway.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole gateway on a random port, its migration state on a real Kafka broker; backends are real HTTP servers the
 * test starts and lists through {@code spring.cloud.discovery.client.simple.instances}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayTestProperties.class)
@AutoConfigureWebTestClient
public @interface GatewayIntegrationTest {
}
