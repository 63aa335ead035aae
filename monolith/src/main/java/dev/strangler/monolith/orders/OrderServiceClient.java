package dev.strangler.monolith.orders;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpClient;

/**
 * Talks to order-service's {@code POST /api/orders} (the same API the monolith serves), found by name through
 * discovery, with explicit connect and read timeouts. One attempt; the circuit breaker is {@link OrderWrites}'s.
 */
@Component
class OrderServiceClient {

    private final RestClient writes;

    OrderServiceClient(RestClient.Builder orderServiceRestClient, OrderServiceProperties properties) {
        var http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.writeTimeout());
        this.writes = orderServiceRestClient.clone().requestFactory(requests)
                .baseUrl("http://" + properties.service()).build();
    }

    /** Places an order at order-service, passing the client's Idempotency-Key on when there is one. */
    WriteAnswer place(PlaceOrderRequest request, @Nullable String idempotencyKey) {
        return writes.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set(IdempotencyKey.HEADER, idempotencyKey);
                    }
                })
                .body(request)
                .exchange(OrderServiceClient::answer);
    }

    private static WriteAnswer answer(HttpRequest sent, RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse answer)
            throws IOException {
        HttpStatusCode status = answer.getStatusCode();
        if (status.is5xxServerError()) {
            throw new HttpServerErrorException(status, "order-service answered " + sent.getMethod() + " "
                    + sent.getURI().getPath() + " with " + status.value());
        }
        if (status.is2xxSuccessful()) {
            return new WriteAnswer(status, answer.bodyTo(OrderResponse.class), null);
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
     * order-service's answer: a 2xx with the order, or a 4xx with its problem — a healthy service's answers, which the
     * circuit breaker must not count as failures. A 5xx is thrown instead, so that it does.
     *
     * @param status the status
     * @param order the order placed, on a 2xx
     * @param problem the problem body otherwise (null when there was none or it was not JSON)
     */
    record WriteAnswer(HttpStatusCode status, @Nullable OrderResponse order, @Nullable JsonNode problem) {
    }

    /** A load-balanced builder of its own, so that other clients of the monolith stay plain. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OrderServiceProperties.class)
    static class Wiring {

        @Bean
        @LoadBalanced
        RestClient.Builder orderServiceRestClient() {
            return RestClient.builder();
        }
    }
}
