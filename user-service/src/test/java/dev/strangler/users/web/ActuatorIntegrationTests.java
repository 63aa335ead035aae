package dev.strangler.users.web;

import dev.strangler.users.support.UserServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@UserServiceIntegrationTest
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
        mvc.get().uri("/api/users").exchange();

        var scrape = mvc.get().uri("/actuator/prometheus").exchange();

        assertThat(scrape).hasStatusOk();
        assertThat(scrape).bodyText()
                .contains("application=\"user-service\"")
                .contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections_active");
    }
}
