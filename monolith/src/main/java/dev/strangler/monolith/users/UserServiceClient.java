package dev.strangler.monolith.users;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to user-service's API (the same API the monolith serves), found by name through discovery, with explicit
 * connect and read timeouts: reads of one user, and — once user-service owns user writes — registrations and changes.
 * Retries and the circuit breaker are the callers' business ({@link UserDirectory}, {@link UserWrites}).
 */
@Component
class UserServiceClient {

    private final RestClient reads;
    private final RestClient writes;

    UserServiceClient(RestClient.Builder userServiceRestClient, UserServiceProperties properties) {
        this.reads = client(userServiceRestClient, properties, properties.readTimeout());
        this.writes = client(userServiceRestClient, properties, properties.writeTimeout());
    }

    private static RestClient client(RestClient.Builder builder, UserServiceProperties properties, Duration timeout) {
        var http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        // A copy: the load-balanced builder is one bean, and each client needs its own timeout.
        return builder.clone().requestFactory(requests).baseUrl("http://" + properties.service()).build();
    }

    /** The user as user-service holds it; empty when it does not (yet) know the user. */
    Optional<UserView> find(long id) {
        try {
            return Optional.ofNullable(reads.get().uri("/api/users/{id}", id).retrieve().body(UserView.class));
        }
        catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    /** Registers a user at user-service ({@code POST /api/users}); one attempt. */
    WriteAnswer register(UserRequest request) {
        return writes.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).body(request)
                .exchange(UserServiceClient::answer);
    }

    /** Changes a user at user-service ({@code PUT /api/users/{id}}); one attempt. */
    WriteAnswer change(long id, UserRequest request) {
        return writes.put().uri("/api/users/{id}", id).contentType(MediaType.APPLICATION_JSON).body(request)
                .exchange(UserServiceClient::answer);
    }

    private static WriteAnswer answer(HttpRequest sent, RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse answer)
            throws IOException {
        HttpStatusCode status = answer.getStatusCode();
        if (status.is5xxServerError()) {
            throw new HttpServerErrorException(status, "user-service answered " + sent.getMethod() + " "
                    + sent.getURI().getPath() + " with " + status.value());
        }
        if (status.is2xxSuccessful()) {
            return new WriteAnswer(status, answer.bodyTo(UserResponse.class), null);
        }
        JsonNode problem = null;
        try {
            problem = answer.bodyTo(JsonNode.class);
        }
        catch (RestClientException | JacksonException unreadable) {
            // A problem without a readable body still has its status, which is what the caller maps.
        }
        return new WriteAnswer(status, null, problem);
    }

    /**
     * user-service's answer to a write: a 2xx with the user, or another status (a 4xx, with its problem) — a healthy
     * service's answers, which the circuit breaker must not count as failures. A 5xx is thrown instead, so that it
     * does.
     *
     * @param status the status
     * @param user the user written, on a 2xx
     * @param problem the problem body otherwise (null when there was none or it was not JSON)
     */
    record WriteAnswer(HttpStatusCode status, @Nullable UserResponse user, @Nullable JsonNode problem) {
    }

    /** A load-balanced builder of its own, so that other clients of the monolith stay plain. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(UserServiceProperties.class)
    static class Wiring {

        @Bean
        @LoadBalanced
        RestClient.Builder userServiceRestClient() {
            return RestClient.builder();
        }
    }
}
