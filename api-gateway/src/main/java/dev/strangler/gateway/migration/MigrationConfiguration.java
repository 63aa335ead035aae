package dev.strangler.gateway.migration;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The migration state on Kafka: the clients with explicit limits, the reader that keeps the state, the store that
 * changes it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MigrationProperties.class)
class MigrationConfiguration {

    @Bean(destroyMethod = "close")
    Admin migrationStateAdmin(KafkaProperties kafka, MigrationProperties properties) {
        var config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.kafkaTimeout().toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.kafkaTimeout().toMillis());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "migration-state-admin");
        return Admin.create(config);
    }

    @Bean(destroyMethod = "close")
    KafkaProducer<String, String> migrationStateProducer(KafkaProperties kafka, MigrationProperties properties) {
        return new KafkaProducer<>(producerConfig(kafka.buildProducerProperties(), properties));
    }

    /** Settings that make a change durable or fail it within the Kafka timeout; asserted in a test. */
    static Map<String, Object> producerConfig(Map<String, Object> base, MigrationProperties properties) {
        var config = new HashMap<>(base);
        int timeout = (int) properties.kafkaTimeout().toMillis();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout / 2);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "migration-state-writer");
        return config;
    }

    @Bean
    MigrationMetrics migrationMetrics(MeterRegistry meters) {
        return new MigrationMetrics(meters);
    }

    @Bean
    StateTopicReader migrationStateReader(MigrationProperties properties, KafkaProperties kafka, Admin admin,
                                          JsonMapper json, MigrationMetrics metrics) {
        return new StateTopicReader(properties, kafka.buildConsumerProperties(), admin, json, metrics::update);
    }

    @Bean
    MigrationStateStore migrationStateStore(MigrationProperties properties, StateTopicReader reader,
                                            KafkaProducer<String, String> producer, JsonMapper json,
                                            DiscoveryClient discovery) {
        return new MigrationStateStore(properties, reader, producer, json, Clock.systemUTC(),
                service -> !discovery.getInstances(service).isEmpty());
    }

    @Bean
    MigrationStateHealth migrationStateHealthIndicator(MigrationStateStore store) {
        return new MigrationStateHealth(store);
    }
}
