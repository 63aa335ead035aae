package dev.strangler.orders.web;

import dev.strangler.orders.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@OrderServiceIntegrationTest
class ActuatorIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void healthShouldBeUpWithLivenessAndReadinessGroups() {
        assertThat(mvc.get().uri("/actuator/health")).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/health/liveness")).hasStatusOk();
        assertThat(mvc.get().uri("/actuator/health/readiness")).hasStatusOk();
    }

    @Test
    void prometheusShouldExposeMetricsTaggedWithTheApplication() {
        mvc.get().uri("/api/orders/1").exchange();

        var scrape = mvc.get().uri("/actuator/prometheus").exchange();

        assertThat(scrape).hasStatusOk();
        assertThat(scrape).bodyText()
                .contains("application=\"order-service\"")
                .contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections_active");
    }
}
