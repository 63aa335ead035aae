package dev.strangler.service.admin;

import dev.strangler.service.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic guards {@code /admin/**} with one account from the environment; the rest of a service is untouched by
 * Spring Security: a form needs no CSRF token, and neither it nor the API gets security headers.
 */
@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "strangler.admin.user=" + AdminSecurityIntegrationTests.USER,
                "strangler.admin.password=" + AdminSecurityIntegrationTests.PASSWORD})
class AdminSecurityIntegrationTests {

    static final String USER = "operator";
    static final String PASSWORD = "test-only-secret";

    /** What Spring Security adds to a response it handles; the services never sent these outside /admin. */
    static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-Frame-Options",
            "X-XSS-Protection", "Cache-Control", "Pragma", "Expires", "Strict-Transport-Security");

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    private Http http() {
        return new Http(port);
    }

    @Test
    void adminApiWithoutCredentialsAnswers401ProblemWithAChallenge() {
        var response = http().get("/admin/status");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"strangler-admin\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://strangler.dev/problems/unauthenticated");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("instance").asString()).isEqualTo("/admin/status");
    }

    @Test
    void adminApiWithAWrongPasswordAnswers401AndWithTheRightOneAnswers() {
        assertThat(http().get("/admin/status", "Authorization", Http.basic(USER, "guess"))
                .statusCode()).isEqualTo(401);
        assertThat(http().post("/admin/status", null, "", "Authorization", Http.basic("admin",
                PASSWORD)).statusCode()).isEqualTo(401);

        var response = http().get("/admin/status", "Authorization",
                Http.basic(USER, PASSWORD));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).has("state")).isTrue();
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void storefrontFormPostNeedsNoCsrfTokenAndGetsNoSecurityHeaders() {
        HttpResponse<String> response = http().post("/register", "application/x-www-form-urlencoded",
                "email=form%40example.com&name=Form+User");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).contains("/users/16"));
        assertNoSecurityHeaders(response);
        assertNoSecurityHeaders(http().get("/"));
    }

    @Test
    void apiPostWorksAsBeforeAndGetsNoSecurityHeaders() {
        var response = http().post("/api/things", "application/json",
                "{}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertNoSecurityHeaders(response);
        assertNoSecurityHeaders(http().get("/api/things"));
    }

    @Test
    void pathsSpringSecuritysFirewallWouldRejectAreServedAsBefore() {
        // A ';' path parameter, which Tomcat strips and Spring Security's StrictHttpFirewall refuses with a 400.
        assertThat(http().get("/api/things;v=1").statusCode()).isEqualTo(200);
    }

    private static void assertNoSecurityHeaders(HttpResponse<String> response) {
        for (String header : SECURITY_HEADERS) {
            assertThat(response.headers().firstValue(header)).as(header).isEmpty();
        }
    }
}
