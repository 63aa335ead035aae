package dev.strangler.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Limits of the migration routes.
 *
 * @param serviceReadTimeout how long a service may take to start answering a read before the monolith answers it
 *                           instead; well below the gateway's response timeout so that a fallback is still fast
 */
@ConfigurationProperties("strangler.routing")
public record RoutingProperties(@DefaultValue("2s") Duration serviceReadTimeout) {
}
