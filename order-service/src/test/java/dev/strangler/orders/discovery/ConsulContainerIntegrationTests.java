package dev.strangler.orders.discovery;

import dev.strangler.orders.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.consul.ConsulContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against a real Consul agent in Docker: order-service registers and can be discovered. Skips itself without Docker;
 * {@link ConsulRegistrationIntegrationTests} covers the registration everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
@OrderServiceIntegrationTest
class ConsulContainerIntegrationTests {

    @Container
    static final ConsulContainer consul = new ConsulContainer("hashicorp/consul:1.21.0");

    @DynamicPropertySource
    static void consul(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.consul.enabled", () -> "true");
        registry.add("spring.cloud.consul.host", consul::getHost);
        registry.add("spring.cloud.consul.port", () -> consul.getMappedPort(8500));
        // A TTL heartbeat instead of an HTTP check: the agent in its container cannot call back into this JVM.
        registry.add("spring.cloud.consul.discovery.heartbeat.enabled", () -> "true");
    }

    @Autowired
    DiscoveryClient discovery;

    @Test
    void orderServiceShouldBeDiscoverableThroughConsul() {
        await().untilAsserted(() -> assertThat(discovery.getInstances("order-service")).isNotEmpty());
    }
}
