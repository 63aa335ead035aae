package dev.strangler.orders.catalog;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
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
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * The monolith's internal stock API ({@code /internal/stock/reservations/{id}}, ADR 0031), found by name through
 * discovery, with explicit timeouts. A reservation is retried on no answer or a 5xx only: the id in the path makes the
 * PUT idempotent, and a 4xx is a healthy monolith's definite answer, which neither the retry nor the circuit breaker
 * {@code catalog} counts as a failure (ADR 0038).
 */
@Component
public class StockClient {

    /** The resilience4j instances (retry and circuit breaker) of the monolith's stock API. */
    public static final String CATALOG = "catalog";
    private static final String RESERVATION = "/internal/stock/reservations/{id}";

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;

    StockClient(RestClient.Builder monolithRestClient, MonolithProperties properties, CircuitBreakerRegistry breakers,
                RetryRegistry retries) {
        var connections = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        var requests = new JdkClientHttpRequestFactory(connections);
        requests.setReadTimeout(properties.readTimeout());
        // A copy: the load-balanced builder is one bean.
        this.http = monolithRestClient.clone().requestFactory(requests).baseUrl("http://" + properties.service())
                .build();
        this.breaker = breakers.circuitBreaker(CATALOG);
        this.retry = retries.retry(CATALOG);
    }

    /**
     * Reserves the lines for the order {@code reservationId} ({@code PUT}); retried, behind the circuit breaker.
     *
     * @throws StockUnavailableException when no definite answer came; something may have been reserved
     */
    public ReservationAnswer reserve(long reservationId, List<StockLine> lines) {
        Supplier<ReservationAnswer> put = () -> http.put().uri(RESERVATION, reservationId)
                .contentType(MediaType.APPLICATION_JSON).body(new ReserveRequest(lines))
                .exchange(StockClient::reserveAnswer);
        return guarded("reserve stock for order " + reservationId,
                Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, put)));
    }

    /**
     * Cancels the reservation {@code reservationId} ({@code DELETE}), which gives its stock back or, if it never
     * arrived, makes sure it never will; one attempt behind the circuit breaker (the sweeper's next round is the
     * retry).
     *
     * @return true when it is cancelled now; false when the monolith refuses because the order exists (CONFIRMED)
     * @throws StockUnavailableException when no definite answer came
     */
    public boolean cancel(long reservationId) {
        Supplier<Boolean> delete = () -> http.delete().uri(RESERVATION, reservationId)
                .exchange(StockClient::cancelAnswer);
        return guarded("cancel the reservation of order " + reservationId,
                CircuitBreaker.decorateSupplier(breaker, delete));
    }

    private static <T> T guarded(String what, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (CallNotPermittedException | ResourceAccessException | HttpServerErrorException ex) {
            throw new StockUnavailableException("Could not " + what + ": " + ex.getMessage(), ex);
        }
    }

    private static ReservationAnswer reserveAnswer(HttpRequest sent,
            RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse answer) throws IOException {
        HttpStatusCode status = answer.getStatusCode();
        failOnServerError(sent, status);
        if (status.is2xxSuccessful()) {
            StockReservation reservation = answer.bodyTo(StockReservation.class);
            if (reservation == null) {
                throw new IllegalStateException("The monolith reserved stock but sent no reservation");
            }
            return new ReservationAnswer.Reserved(reservation);
        }
        JsonNode problem = problemOf(answer);
        String title = problem == null ? "" : problem.path("title").asString("");
        String detail = problem == null ? "" : problem.path("detail").asString("");
        if (status.value() == HttpStatus.CONFLICT.value() && title.equals("Reservation cancelled")) {
            return new ReservationAnswer.Cancelled();
        }
        if ((status.value() == HttpStatus.CONFLICT.value() && title.equals("Insufficient stock"))
                || (status.value() == HttpStatus.UNPROCESSABLE_CONTENT.value() && title.equals("Unknown product"))) {
            return new ReservationAnswer.Refused(status, title, detail);
        }
        // A 400 or "Reservation conflict" means this service sent what it must never send: a defect, not an outage.
        throw new IllegalStateException("The monolith refused reservation " + sent.getURI().getPath() + " with "
                + status.value() + " " + title + ": " + detail);
    }

    private static Boolean cancelAnswer(HttpRequest sent,
            RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse answer) throws IOException {
        HttpStatusCode status = answer.getStatusCode();
        failOnServerError(sent, status);
        if (status.is2xxSuccessful()) {
            return true;
        }
        if (status.value() == HttpStatus.CONFLICT.value()) {
            return false;
        }
        throw new IllegalStateException("The monolith answered " + sent.getMethod() + " " + sent.getURI().getPath()
                + " with " + status.value());
    }

    /** A 5xx is thrown, so that the retry and the circuit breaker count it; other statuses are answers. */
    private static void failOnServerError(HttpRequest sent, HttpStatusCode status) {
        if (status.is5xxServerError()) {
            throw new HttpServerErrorException(status, "The monolith answered " + sent.getMethod() + " "
                    + sent.getURI().getPath() + " with " + status.value());
        }
    }

    private static @Nullable JsonNode problemOf(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse answer) {
        try {
            return answer.bodyTo(JsonNode.class);
        }
        catch (RestClientException | JacksonException unreadable) {
            return null;
        }
    }

    /** The body of a reservation request. */
    record ReserveRequest(List<StockLine> lines) {
    }

    /** A load-balanced builder of its own, so that any other client of this service stays plain. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MonolithProperties.class)
    static class Wiring {

        @Bean
        @LoadBalanced
        RestClient.Builder monolithRestClient() {
            return RestClient.builder();
        }
    }
}
