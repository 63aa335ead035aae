package dev.strangler.monolith.admin;

import dev.strangler.monolith.support.Http;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without STRANGLER_ADMIN_PASSWORD the monolith starts and serves the shop as before; only its admin API is off.
 */
@MonolithIntegrationTest
class AdminApiDisabledIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void adminApiAnswers503ProblemWhateverTheCredentials() {
        var http = new Http(port);
        for (var response : new java.net.http.HttpResponse<?>[] {
                http.get("/admin/backfill/users"),
                http.post("/admin/backfill/users", null, "", "Authorization", Http.basic("admin", "")),
                http.post("/admin/backfill/users", null, "", "Authorization", Http.basic("admin", "admin"))}) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            var problem = json.readTree((String) response.body());
            assertThat(problem.get("detail").asString()).isEqualTo("admin API disabled: set STRANGLER_ADMIN_PASSWORD");
            assertThat(problem.get("type").asString()).isEqualTo("https://strangler.dev/problems/admin-disabled");
        }
        assertThat(http.get("/api/users").statusCode()).isEqualTo(200);
    }
}
