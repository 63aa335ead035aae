package dev.strangler.messaging;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * What a service publishes and how its consumers retry, under {@code strangler.events}.
 *
 * @param source the {@code ce_source} of the events this service publishes, and the source its consumers ignore
 *               (no ping-pong); defaults to {@code spring.application.name}
 * @param topics the topics this service publishes to; each is created with its {@code .DLT} when the relay starts
 * @param partitions partitions of each created topic and dead-letter topic
 * @param replicationFactor replicas of each created topic (1 on a single local broker)
 * @param retry how consumers retry a failed event before it goes to the dead-letter topic
 */
@ConfigurationProperties("strangler.events")
public record EventsProperties(
        @Nullable String source,
        @DefaultValue List<String> topics,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Retry retry) {

    /** The source to publish as and to ignore: {@code source}, else the application's name. */
    public String sourceOr(String applicationName) {
        return source == null || source.isBlank() ? applicationName : source;
    }

    /**
     * Consumer retries. A transient failure (the database unreachable, a lock timeout) is retried with exponential
     * back-off for as long as it lasts: the partition waits rather than losing the event. Any other failure is retried
     * {@code maxRetries} times on the same back-off (it may be a race, such as two users swapping e-mail addresses)
     * and then dead-lettered. A message that cannot be read at all is dead-lettered at once.
     *
     * @param initialInterval the first back-off
     * @param multiplier the factor applied to each next back-off
     * @param maxInterval the longest back-off
     * @param maxRetries retries of a failure that is neither transient nor a poison message
     */
    public record Retry(
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("2") double multiplier,
            @DefaultValue("30s") Duration maxInterval,
            @DefaultValue("4") int maxRetries) {
    }
}
