package dev.strangler.gateway.reconciliation;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How often and how deep the gateway compares a capability's data on the monolith and on its service.
 *
 * @param interval how often every capability is reconciled (0 turns the schedule off; the admin API still runs it)
 * @param bucketWidth how many consecutive ids one digest covers; a differing bucket is then compared row by row
 * @param maxBuckets how many differing buckets one run compares row by row; the rest are reported as such
 * @param timeout how long either side may take to answer one request of a run
 */
@Validated
@ConfigurationProperties("strangler.reconciliation")
public record ReconciliationProperties(@DefaultValue("60s") Duration interval,
                                       @DefaultValue("1000") @Min(1) long bucketWidth,
                                       @DefaultValue("20") @Min(1) int maxBuckets,
                                       @DefaultValue("10s") Duration timeout) {
}
