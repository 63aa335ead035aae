package dev.strangler.messaging.inbound;

import dev.strangler.messaging.EventsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handler every {@code @KafkaListener} of a service gets (Boot wires a {@link CommonErrorHandler} bean into
 * its listener container factory): poison messages to the dead-letter topic at once, transient failures retried with
 * exponential back-off for as long as they last, other failures retried a few times and then dead-lettered.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(DefaultErrorHandler.class)
@EnableConfigurationProperties(EventsProperties.class)
public class InboundAutoConfiguration {

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetters(kafka.buildProducerProperties(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler eventErrorHandler(DeadLetters deadLetters, EventsProperties events) {
        return errorHandler(deadLetters, events.retry());
    }

    static DefaultErrorHandler errorHandler(DeadLetters deadLetters, EventsProperties.Retry retry) {
        BackOff whileItLasts = exponential(new ExponentialBackOff(), retry);
        BackOff aFewTimes = exponential(new ExponentialBackOffWithMaxRetries(retry.maxRetries()), retry);
        var handler = new DefaultErrorHandler(deadLetters, aFewTimes);
        handler.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? whileItLasts : null);
        handler.addNotRetryableExceptions(PoisonMessageException.class);
        return handler;
    }

    private static BackOff exponential(ExponentialBackOff backOff, EventsProperties.Retry retry) {
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }
}
