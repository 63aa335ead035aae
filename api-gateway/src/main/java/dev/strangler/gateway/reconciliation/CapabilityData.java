package dev.strangler.gateway.reconciliation;

import dev.strangler.gateway.routing.Capability;
import dev.strangler.gateway.security.AdminProperties;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Asks one side (the monolith or a service, found by name through discovery) about its rows of a capability, with the
 * admin account every component shares, and asks the owner to publish rows again.
 */
final class CapabilityData {

    private final WebClient client;
    private final Duration timeout;

    CapabilityData(WebClient.Builder loadBalanced, AdminProperties admin, Duration timeout) {
        this.client = loadBalanced.defaultHeaders(headers -> headers.setBasicAuth(admin.user(), admin.password()))
                .build();
        this.timeout = timeout;
    }

    Mono<Digests.Buckets> buckets(String backend, Capability capability, long width) {
        return client.get()
                .uri("http://{backend}/admin/reconciliation/{capability}/buckets?width={width}", backend,
                        capability.label(), width)
                .retrieve().bodyToMono(Digests.Buckets.class)
                .timeout(timeout);
    }

    Mono<List<Digests.Row>> rows(String backend, Capability capability, long from, long to) {
        return client.get()
                .uri("http://{backend}/admin/reconciliation/{capability}/rows?from={from}&to={to}", backend,
                        capability.label(), from, to)
                .retrieve().bodyToFlux(Digests.Row.class).collectList()
                .timeout(timeout);
    }

    /** Asks the owner to publish the current state of these rows again; answers how many it published. */
    Mono<Long> republish(String owner, Capability capability, List<Long> ids) {
        return client.post()
                .uri("http://{owner}/admin/reconciliation/{capability}/republish", owner, capability.label())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ids", ids))
                .retrieve().bodyToMono(Republished.class)
                .map(Republished::republished)
                .timeout(timeout);
    }

    /**
     * The owner's answer to a republish.
     *
     * @param republished how many rows it published again
     */
    record Republished(long republished) {
    }
}
