package dev.strangler.users.web;

import dev.strangler.users.support.UserServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind the gateway, Location headers name the gateway, as the monolith's do, so that a client never learns (or
 * bypasses the facade through) the service's own address. Tomcat applies the forwarded headers itself, so this goes
 * through a real HTTP connection rather than MockMvc.
 */
@UserServiceIntegrationTest
class ForwardedHeadersIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void locationOfANewUserShouldNameTheGatewayThatForwardedTheRequest() throws Exception {
        HttpResponse<String> created = register(HttpRequest.newBuilder()
                .header("X-Forwarded-Host", "shop.example")
                .header("X-Forwarded-Port", "8080")
                .header("X-Forwarded-Proto", "http"));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).matches("http://shop\\.example:8080/api/users/[0-9]+"));
    }

    @Test
    void locationWithoutAProxyShouldNameTheServiceItself() throws Exception {
        HttpResponse<String> created = register(HttpRequest.newBuilder());

        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("http://127.0.0.1:" + port + "/api/users/"));
    }

    private HttpResponse<String> register(HttpRequest.Builder request) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request.uri(URI.create("http://127.0.0.1:" + port + "/api/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"email":"%s@example.com","name":"Forwarded"}""".formatted(UUID.randomUUID())))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
