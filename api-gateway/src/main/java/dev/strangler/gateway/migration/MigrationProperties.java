package dev.strangler.gateway.migration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Where the migration state lives and how long the gateway waits for it.
 *
 * @param topic the compacted topic that holds the state, one record per capability
 * @param replicationFactor the topic's replication factor when the gateway creates it
 * @param kafkaTimeout how long a change may wait for Kafka (reading the end of the topic, publishing) before the
 *                     admin gets a 503; also the bound on any single Kafka call of the reader
 * @param applyTimeout how long a change waits to read its own record back before the admin gets a 202
 */
@Validated
@ConfigurationProperties("strangler.migration")
public record MigrationProperties(@DefaultValue("migration.state") @NotBlank String topic,
                                  @DefaultValue("1") @Min(1) short replicationFactor,
                                  @DefaultValue("3s") Duration kafkaTimeout,
                                  @DefaultValue("5s") Duration applyTimeout) {
}
