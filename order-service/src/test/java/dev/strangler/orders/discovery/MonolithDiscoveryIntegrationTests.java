package dev.strangler.orders.discovery;

import dev.strangler.orders.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Consul (the local run), the monolith, whose stock API places orders, is found at its local address.
 */
@OrderServiceIntegrationTest
class MonolithDiscoveryIntegrationTests {

    @Autowired
    DiscoveryClient discovery;

    @Test
    void theMonolithShouldBeFoundAtItsLocalAddress() {
        assertThat(discovery.getInstances("monolith")).singleElement()
                .satisfies(instance -> assertThat(instance.getUri()).isEqualTo(URI.create("http://127.0.0.1:8081")));
    }
}
