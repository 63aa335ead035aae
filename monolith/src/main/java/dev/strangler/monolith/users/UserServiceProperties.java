package dev.strangler.monolith.users;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the monolith talks to user-service: its pages read users there once user reads have left the monolith, and it
 * hands user writes there once user-service owns them. The read retry budget (resilience4j instance
 * {@code user-service}) fits inside a page view: a slow or dead service costs a page at most about 1.8 s (3 attempts
 * of 500 ms, 100 and 200 ms apart) before the local table answers. Writes get one attempt and no fallback (ADR 0021).
 *
 * @param service the service name in discovery
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer to a read, per attempt
 * @param writeTimeout how long to wait for the answer to a write (a registration or a change); longer than a read's,
 *                     because a write that times out may still have happened, and only then is answered 503
 */
@ConfigurationProperties("strangler.users")
public record UserServiceProperties(@DefaultValue("user-service") String service,
                                    @DefaultValue("300ms") Duration connectTimeout,
                                    @DefaultValue("500ms") Duration readTimeout,
                                    @DefaultValue("1s") Duration writeTimeout) {
}
