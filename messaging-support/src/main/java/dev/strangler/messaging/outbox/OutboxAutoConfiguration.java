package dev.strangler.messaging.outbox;

import dev.strangler.messaging.EventsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox for a service that only depends on messaging-support: {@link EventOutbox} to append, a
 * relay to publish ({@code strangler.outbox.relay.enabled}), and the backlog metrics.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, JdbcClientAutoConfiguration.class,
        KafkaAutoConfiguration.class})
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(JdbcClient.class)
@EnableConfigurationProperties({OutboxProperties.class, EventsProperties.class})
public class OutboxAutoConfiguration {

    @Bean
    OutboxTable outboxTable(JdbcClient jdbc) {
        return new OutboxTable(jdbc);
    }

    @Bean
    EventOutbox eventOutbox(OutboxTable table, JsonMapper json, ObjectProvider<OutboxRelay> relay) {
        return new EventOutbox(table, json, () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    /** A missing or outdated table fails the start, not the first change of a user. */
    @Bean
    SmartInitializingSingleton outboxSchemaCheck(OutboxTable table) {
        return () -> {
            try {
                table.checkSchema();
            }
            catch (RuntimeException ex) {
                throw new IllegalStateException("The event_outbox table is missing or outdated: copy "
                        + "messaging-support's dev/strangler/messaging/outbox/event_outbox.postgresql.sql into this "
                        + "service's Flyway migrations", ex);
            }
        };
    }

    @Bean
    OutboxMetrics outboxMetrics(OutboxTable table) {
        return new OutboxMetrics(table);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "strangler.outbox.relay.enabled", matchIfMissing = true)
    OutboxPublisher outboxPublisher(KafkaProperties kafka, EventsProperties events, OutboxProperties outbox,
                                    Environment environment, ObjectProvider<MeterRegistry> meters) {
        return new OutboxPublisher(kafka.buildProducerProperties(), source(events, environment), outbox.producer(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "strangler.outbox.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(OutboxTable table, OutboxPublisher publisher, KafkaProperties kafka, EventsProperties events,
                            PlatformTransactionManager transactionManager, OutboxProperties outbox) {
        var topics = new EventTopics(kafka.buildAdminProperties(), events.topics(), events.partitions(),
                events.replicationFactor());
        return new OutboxRelay(table, publisher, topics, new TransactionTemplate(transactionManager), outbox);
    }

    static String source(EventsProperties events, Environment environment) {
        return events.sourceOr(environment.getRequiredProperty("spring.application.name"));
    }
}
