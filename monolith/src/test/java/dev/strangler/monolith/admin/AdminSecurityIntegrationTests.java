package dev.strangler.monolith.admin;

import dev.strangler.monolith.support.Http;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.WithAdminPassword;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic guards {@code /admin/**} with one account from the environment; the rest of the shop is untouched by
 * Spring Security: a storefront form needs no CSRF token, and neither it nor the API gets security headers.
 */
@MonolithIntegrationTest
@WithAdminPassword
class AdminSecurityIntegrationTests {

    /** What Spring Security adds to a response it handles; the legacy shop never sent these. */
    static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-Frame-Options",
            "X-XSS-Protection", "Cache-Control", "Pragma", "Expires", "Strict-Transport-Security");

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    private Http http() {
        return new Http(port);
    }

    @Test
    void adminApiWithoutCredentialsAnswers401ProblemWithAChallenge() {
        var response = http().get("/admin/backfill/users");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"strangler-admin\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://strangler.dev/problems/unauthenticated");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("instance").asString()).isEqualTo("/admin/backfill/users");
    }

    @Test
    void adminApiWithAWrongPasswordAnswers401AndWithTheRightOneAnswers() {
        assertThat(http().get("/admin/backfill/users", "Authorization", Http.basic(WithAdminPassword.USER, "guess"))
                .statusCode()).isEqualTo(401);
        assertThat(http().post("/admin/backfill/users", null, "", "Authorization", Http.basic("admin",
                WithAdminPassword.PASSWORD)).statusCode()).isEqualTo(401);

        var response = http().get("/admin/backfill/users", "Authorization",
                Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD));

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
                assertThat(location).contains("/users/"));
        assertThat(jdbc.queryForObject("select count(*) from users where email = 'form@example.com'", Integer.class))
                .isOne();
        assertNoSecurityHeaders(response);
        assertNoSecurityHeaders(http().get("/"));
    }

    @Test
    void apiPostWorksAsBeforeAndGetsNoSecurityHeaders() {
        var response = http().post("/api/users", "application/json",
                "{\"email\": \"api@example.com\", \"name\": \"Api User\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertNoSecurityHeaders(response);
        assertNoSecurityHeaders(http().get("/api/users"));
    }

    @Test
    void pathsSpringSecuritysFirewallWouldRejectAreServedAsBefore() {
        // A ';' path parameter, which Tomcat strips and Spring Security's StrictHttpFirewall refuses with a 400.
        assertThat(http().get("/api/users;v=1").statusCode()).isEqualTo(200);
    }

    private static void assertNoSecurityHeaders(HttpResponse<String> response) {
        for (String header : SECURITY_HEADERS) {
            assertThat(response.headers().firstValue(header)).as(header).isEmpty();
        }
    }
}
