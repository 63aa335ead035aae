package dev.strangler.monolith.users;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.util.Optional;

/**
 * Reads one user from user-service's API (the same API the monolith serves), found by name through discovery, with
 * explicit connect and read timeouts. Retries and the circuit breaker are {@link UserDirectory}'s business.
 */
@Component
class UserServiceClient {

    private final RestClient users;

    UserServiceClient(RestClient.Builder userServiceRestClient, UserServiceProperties properties) {
        var http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.readTimeout());
        this.users = userServiceRestClient.requestFactory(requests)
                .baseUrl("http://" + properties.service())
                .build();
    }

    /** The user as user-service holds it; empty when it does not (yet) know the user. */
    Optional<UserView> find(long id) {
        try {
            return Optional.ofNullable(users.get().uri("/api/users/{id}", id).retrieve().body(UserView.class));
        }
        catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw ex;
        }
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
