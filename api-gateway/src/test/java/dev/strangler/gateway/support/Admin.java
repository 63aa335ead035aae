package dev.strangler.gateway.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The admin API as a test drives it, with the test account.
 */
public final class Admin {

    private final WebTestClient client;

    public Admin(WebTestClient client) {
        this.client = client.mutate()
                .defaultHeaders(headers -> headers.setBasicAuth(GatewayTestProperties.ADMIN_USER,
                        GatewayTestProperties.ADMIN_PASSWORD))
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    public WebTestClient client() {
        return client;
    }

    /** Waits until the gateway has read its migration state. */
    public Admin awaitLoaded() {
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(client.get().uri("/admin/migration")
                .exchange().expectBody(Map.class).returnResult().getResponseBody().get("loaded")));
        return this;
    }

    public WebTestClient.ResponseSpec reads(String capability, String body) {
        return client.put().uri("/admin/migration/{capability}/reads", capability)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec writes(String capability, String body) {
        return client.put().uri("/admin/migration/{capability}/writes", capability)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Changes a switch's one mode ({@code PUT /admin/migration/notifications}). */
    public WebTestClient.ResponseSpec mode(String capability, String body) {
        return client.put().uri("/admin/migration/{capability}", capability)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public Admin modeTo(String capability, String mode) {
        ok(mode(capability, "{\"mode\":\"" + mode + "\"}"));
        return this;
    }

    /** Moves reads (and writes, first, when they are on the service) back to the monolith. */
    public Admin reset(String capability) {
        ok(writes(capability, "{\"mode\":\"MONOLITH\"}"));
        ok(reads(capability, "{\"mode\":\"MONOLITH\"}"));
        return this;
    }

    public Admin readsTo(String capability, String mode) {
        ok(reads(capability, "{\"mode\":\"" + mode + "\"}"));
        return this;
    }

    public Admin canary(String capability, int percent) {
        ok(reads(capability, "{\"mode\":\"CANARY\",\"percent\":" + percent + "}"));
        return this;
    }

    public Admin writesTo(String capability, String mode) {
        ok(writes(capability, "{\"mode\":\"" + mode + "\"}"));
        return this;
    }

    /** Asserts a 200 and reads the body, which must always be consumed (an unread body is a leaked buffer). */
    private static void ok(WebTestClient.ResponseSpec answer) {
        answer.expectStatus().isOk().expectBody().returnResult();
    }
}
