package dev.strangler.monolith.users;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the monolith's pages read users from user-service once user reads have left the monolith. The retry budget
 * (resilience4j instance {@code user-service}) fits inside a page view: a slow or dead service costs a page at most
 * about 1.8 s (3 attempts of 500 ms, 100 and 200 ms apart) before the local table answers.
 *
 * @param service the service name in discovery
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer, per attempt
 */
@ConfigurationProperties("strangler.users")
public record UserServiceProperties(@DefaultValue("user-service") String service,
                                    @DefaultValue("300ms") Duration connectTimeout,
                                    @DefaultValue("500ms") Duration readTimeout) {
}
