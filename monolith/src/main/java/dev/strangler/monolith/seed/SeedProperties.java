package dev.strangler.monolith.seed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The demo data the shop starts with.
 *
 * @param enabled whether to load demo data at start-up (it is only ever added once)
 * @param users how many demo users to create
 */
@Validated
@ConfigurationProperties("strangler.seed")
public record SeedProperties(boolean enabled, @Min(0) @Max(1_000_000) int users) {
}
