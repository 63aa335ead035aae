package dev.strangler.gateway.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one comparison of a capability's data on the monolith and on its service.
 *
 * @param capability the capability
 * @param at when it ran
 * @param monolithCount how many rows the monolith holds
 * @param serviceCount how many rows the service holds
 * @param differingBuckets how many buckets of ids differ
 * @param drift how many ids differ among the buckets compared row by row (all of them unless {@code truncated})
 * @param differences the differing ids
 * @param truncated whether more buckets differed than one run compares row by row
 * @param error why the run could not compare, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationReport(String capability, Instant at, long monolithCount, long serviceCount,
                                   int differingBuckets, int drift, List<Difference> differences, boolean truncated,
                                   String error) {

    static ReconciliationReport failed(String capability, Instant at, String error) {
        return new ReconciliationReport(capability, at, -1, -1, 0, -1, List.of(), false, error);
    }

    boolean inSync() {
        return error == null && drift == 0 && differingBuckets == 0 && monolithCount == serviceCount;
    }
}
