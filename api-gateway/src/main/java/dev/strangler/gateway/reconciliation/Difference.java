package dev.strangler.gateway.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One id on which the monolith and the service disagree.
 *
 * @param id the id
 * @param kind {@code missing_on_service}, {@code missing_on_monolith} or {@code different}
 * @param monolithVersion the monolith's version of the row, if it has one
 * @param serviceVersion the service's version of the row, if it has one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Difference(long id, String kind, Long monolithVersion, Long serviceVersion) {

    static Difference between(long id, Digests.Row monolith, Digests.Row service) {
        String kind = monolith == null ? "missing_on_monolith" : service == null ? "missing_on_service" : "different";
        return new Difference(id, kind, monolith == null ? null : monolith.version(),
                service == null ? null : service.version());
    }
}
