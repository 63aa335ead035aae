package dev.strangler.gateway.shadow;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Bounds of shadow traffic, which must never cost the client anything.
 *
 * @param maxInFlight how many shadow requests may be open at once; beyond that a copy is dropped and counted
 * @param timeout how long the service may take to answer a copy before the comparison counts an error
 * @param maxBodySize the largest body that is compared; larger answers are skipped
 * @param ignoredFields JSON field names removed at any depth before comparing, because they legitimately differ
 * @param mismatchesKept how many of the latest mismatches each capability keeps for inspection
 */
@Validated
@ConfigurationProperties("strangler.shadow")
public record ShadowProperties(@DefaultValue("32") @Min(1) int maxInFlight,
                               @DefaultValue("2s") Duration timeout,
                               @DefaultValue("256KB") DataSize maxBodySize,
                               @DefaultValue({"createdAt", "updatedAt"}) List<String> ignoredFields,
                               @DefaultValue("20") @Min(1) int mismatchesKept) {
}
