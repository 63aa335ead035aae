package dev.strangler.systemtests;

import dev.strangler.devstack.LocalStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP to the processes of a running local stack, the way a client, an operator (with the admin account every
 * component shares) or a test peeking at one backend directly would call them.
 */
final class StackClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LocalStack stack;

    StackClient(LocalStack stack) {
        this.stack = stack;
    }

    /** An address on the gateway, where every client request enters. */
    URI gateway(String path) {
        return at("api-gateway", path);
    }

    /** An address on one service, bypassing the gateway. */
    URI at(String service, String path) {
        return URI.create(stack.service(service).baseUrl() + path);
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri));
    }

    HttpResponse<String> send(String method, URI uri, String jsonBody) {
        return send(withBody(method, uri, jsonBody));
    }

    /** A call with the admin account; {@code jsonBody} may be null. */
    HttpResponse<String> admin(String method, URI uri, String jsonBody) {
        String credentials = stack.admin().user() + ":" + stack.admin().password();
        return send(withBody(method, uri, jsonBody).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
    }

    /** The JSON body of a call that must succeed with {@code expectedStatus}. */
    JsonNode expect(int expectedStatus, HttpResponse<String> response) {
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("%s %s answered %d, not %d: %s".formatted(response.request().method(),
                    response.uri(), response.statusCode(), expectedStatus, response.body()));
        }
        return read(response.body());
    }

    static String servedBy(HttpResponse<String> response) {
        return response.headers().firstValue("X-Served-By").orElse("?");
    }

    static JsonNode read(String body) {
        return JSON.readTree(body);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", ex);
        }
        catch (Exception ex) {
            throw new AssertionError("Request failed: " + ex, ex);
        }
    }

    private static HttpRequest.Builder withBody(String method, URI uri, String jsonBody) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
    }
}
