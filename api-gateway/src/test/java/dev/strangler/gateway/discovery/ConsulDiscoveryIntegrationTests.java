package dev.strangler.gateway.discovery;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the settings docker compose gives it, the gateway registers itself with the Consul agent and finds the
 * backends it routes to by service name in Consul, asking only for instances whose health check passes. The agent's
 * HTTP API is played by WireMock because no Consul binary runs here.
 */
@GatewayIntegrationTest
@DirtiesContext
class ConsulDiscoveryIntegrationTests {

    static final FakeBackend monolith = FakeBackend.start("monolith");
    static final WireMockServer consulAgent = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .http2PlainDisabled(true));

    static {
        consulAgent.start();
        // Stopped with the JVM, after the Spring context that keeps calling the agent has closed.
        Runtime.getRuntime().addShutdownHook(new Thread(consulAgent::stop, "stop-fake-consul-agent"));
        consulAgent.stubFor(WireMock.any(anyUrl()).atPriority(10).willReturn(WireMock.okJson("{}")));
        consulAgent.stubFor(WireMock.get(urlPathEqualTo("/v1/health/service/monolith")).atPriority(1)
                .willReturn(WireMock.okJson("""
                        [{"Node":{"ID":"n1","Node":"node-1","Address":"127.0.0.1"},
                          "Service":{"ID":"monolith-1","Service":"monolith","Tags":[],"Address":"127.0.0.1",
                                     "Port":%d,"Meta":{}},
                          "Checks":[]}]""".formatted(monolith.port())).withHeader("X-Consul-Index", "1")));
        consulAgent.stubFor(WireMock.get(urlPathEqualTo("/v1/health/service/user-service")).atPriority(1)
                .willReturn(WireMock.okJson("[]").withHeader("X-Consul-Index", "1")));
    }

    @DynamicPropertySource
    static void consulAsInCompose(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.consul.enabled", () -> "true");
        registry.add("spring.cloud.consul.host", () -> "127.0.0.1");
        registry.add("spring.cloud.consul.port", consulAgent::port);
    }

    @AfterAll
    static void stopBackend() {
        monolith.close();
    }

    @Autowired
    WebTestClient client;

    @Test
    void gatewayShouldRegisterWithItsNameAndReadinessCheck() {
        await().untilAsserted(() -> assertThat(consulAgent.findAll(
                putRequestedFor(urlEqualTo("/v1/agent/service/register")))).isNotEmpty());

        String registration = consulAgent.findAll(putRequestedFor(urlEqualTo("/v1/agent/service/register")))
                .getFirst().getBodyAsString();
        assertThat(registration)
                .contains("\"Name\":\"api-gateway\"")
                .contains("/actuator/health/readiness")
                .contains("\"Interval\":\"10s\"");
    }

    @Test
    void monolithShouldBeFoundInConsulByNameAmongPassingInstances() {
        client.get().uri("/api/products/1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "monolith")
                .expectBody().jsonPath("$.path").isEqualTo("/api/products/1");

        assertThat(monolith.count("/api/products/1")).isOne();
        assertThat(consulAgent.findAll(getRequestedFor(urlPathEqualTo("/v1/health/service/monolith"))))
                .anySatisfy(lookup -> assertThat(lookup.queryParameter("passing").firstValue()).isEqualTo("true"));
    }
}
