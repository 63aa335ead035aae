package dev.strangler.service.admin;

import dev.strangler.service.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without STRANGLER_ADMIN_PASSWORD a service starts and serves as before; only its admin API is off.
 */
@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class AdminApiDisabledIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void adminApiAnswers503ProblemWhateverTheCredentials() {
        var http = new Http(port);
        for (var response : new java.net.http.HttpResponse<?>[] {
                http.get("/admin/status"),
                http.post("/admin/status", null, "", "Authorization", Http.basic("admin", "")),
                http.post("/admin/status", null, "", "Authorization", Http.basic("admin", "admin"))}) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            var problem = json.readTree((String) response.body());
            assertThat(problem.get("detail").asString()).isEqualTo("admin API disabled: set STRANGLER_ADMIN_PASSWORD");
            assertThat(problem.get("type").asString()).isEqualTo("https://strangler.dev/problems/admin-disabled");
        }
        assertThat(http.get("/api/things").statusCode()).isEqualTo(200);
    }
}
