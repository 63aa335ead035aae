package dev.strangler.monolith.migration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the monolith follows the gateway's migration state.
 *
 * @param enabled whether to follow it at all; off, every capability is treated as still on the monolith
 * @param topic the compacted topic the gateway keeps the state on
 * @param kafkaTimeout the bound on any single Kafka call of the follower
 */
@ConfigurationProperties("strangler.migration")
public record MigrationFollowerProperties(@DefaultValue("true") boolean enabled,
                                          @DefaultValue("migration.state") String topic,
                                          @DefaultValue("3s") Duration kafkaTimeout) {
}
