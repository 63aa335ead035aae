package dev.strangler.orders.discovery;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.strangler.orders.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the settings docker compose gives it, order-service registers itself with the Consul agent under the name the
 * gateway looks up, with a readiness health check. The agent's HTTP API is played by WireMock because no Consul
 * binary runs here; {@link ConsulContainerIntegrationTests} checks the same against a real agent where Docker exists.
 */
@OrderServiceIntegrationTest
@DirtiesContext
class ConsulRegistrationIntegrationTests {

    static final WireMockServer consulAgent = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .http2PlainDisabled(true));

    static {
        consulAgent.start();
        // Stopped with the JVM, after the Spring context that keeps calling the agent has closed.
        Runtime.getRuntime().addShutdownHook(new Thread(consulAgent::stop, "stop-fake-consul-agent"));
        consulAgent.stubFor(WireMock.any(anyUrl()).willReturn(WireMock.okJson("{}")));
    }

    @DynamicPropertySource
    static void consulAsInCompose(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.consul.enabled", () -> "true");
        registry.add("spring.cloud.consul.host", () -> "127.0.0.1");
        registry.add("spring.cloud.consul.port", consulAgent::port);
    }

    @Test
    void orderServiceShouldRegisterWithItsNameAndReadinessCheck() {
        var register = putRequestedFor(urlEqualTo("/v1/agent/service/register"));
        await().untilAsserted(() -> assertThat(consulAgent.findAll(register)).isNotEmpty());

        List<LoggedRequest> registrations = consulAgent.findAll(register);
        String body = registrations.getFirst().getBodyAsString();
        assertThat(body)
                .contains("\"Name\":\"order-service\"")
                .contains("/actuator/health/readiness")
                .contains("\"Interval\":\"10s\"");
    }
}
