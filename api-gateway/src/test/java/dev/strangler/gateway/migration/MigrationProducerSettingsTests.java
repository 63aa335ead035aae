package dev.strangler.gateway.migration;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationProducerSettingsTests {

    @Test
    void changeShouldBeDurableOnEveryReplicaAndWrittenOnceOrFailWithinTheKafkaTimeout() {
        var properties = new MigrationProperties("migration.state", (short) 1, Duration.ofSeconds(3),
                Duration.ofSeconds(5));

        Map<String, Object> config = MigrationConfiguration.producerConfig(Map.of(
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false), properties);

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500);
    }
}
