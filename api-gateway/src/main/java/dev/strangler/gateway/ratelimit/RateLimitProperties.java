package dev.strangler.gateway.ratelimit;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How many requests each client (API key, else IP address) may make.
 *
 * @param enabled whether clients are limited at all
 * @param burst how many requests a client may make at once after being idle
 * @param refill how many requests a client gets back per {@code period}
 * @param period the refill period
 * @param maxClients how many clients are tracked; the least recently seen are forgotten beyond that
 */
@Validated
@ConfigurationProperties("strangler.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("200") @Min(1) long burst,
                                  @DefaultValue("100") @Min(1) long refill,
                                  @DefaultValue("1s") Duration period,
                                  @DefaultValue("100000") @Min(1) long maxClients) {
}
