package dev.strangler.monolith.web;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.WithAdminPassword;
import dev.strangler.service.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * service-support's admin security in the monolith (its own tests cover the rules): the admin API needs the account,
 * and the legacy shop around it is untouched, a storefront form needing no CSRF token and getting no security headers.
 */
@MonolithIntegrationTest
@WithAdminPassword
class AdminAccessIntegrationTests {

    /** What Spring Security adds to a response it handles; the legacy shop never sent these. */
    static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-Frame-Options",
            "X-XSS-Protection", "Cache-Control", "Pragma", "Expires", "Strict-Transport-Security");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void adminApiNeedsTheAccount() {
        var http = new Http(port);
        var anonymous = http.get("/admin/backfill/users");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        assertThat(http.get("/admin/backfill/users", "Authorization",
                Http.basic(WithAdminPassword.USER, WithAdminPassword.PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void storefrontFormPostNeedsNoCsrfTokenAndTheShopGetsNoSecurityHeaders() {
        var http = new Http(port);
        HttpResponse<String> response = http.post("/register", "application/x-www-form-urlencoded",
                "email=form%40example.com&name=Form+User");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select count(*) from users where email = 'form@example.com'", Integer.class))
                .isOne();
        for (var page : List.of(response, http.get("/"), http.get("/api/users"), http.get("/api/users;v=1"))) {
            assertThat(page.statusCode()).isLessThan(400);
            for (String header : SECURITY_HEADERS) {
                assertThat(page.headers().firstValue(header)).as(header).isEmpty();
            }
        }
    }
}
