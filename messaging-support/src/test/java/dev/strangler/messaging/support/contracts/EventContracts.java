package dev.strangler.messaging.support.contracts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.contract.verifier.converter.YamlContract;
import org.springframework.cloud.contract.verifier.messaging.MessageVerifierSender;
import org.springframework.cloud.contract.verifier.messaging.internal.ContractVerifierMessage;
import org.springframework.cloud.contract.verifier.messaging.internal.ContractVerifierMessaging;
import org.springframework.cloud.contract.verifier.messaging.internal.ContractVerifierObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The beans a generated messaging contract test of a service's published events injects
 * ({@code ContractVerifierMessaging}, {@code ContractVerifierObjectMapper}) plus the {@link PublishedEvents} its
 * triggers talk to; import it into the contract base class. Declared here rather than through
 * {@code @AutoConfigureMessageVerifier}: Spring Cloud Contract 5.0.2 has no Kafka support, and its auto-configuration
 * would pick Spring Integration (whose {@code Message} class Spring Kafka brings) and look for a channel named after
 * the topic. Shared with the services through this module's test jar, so that every producer of the same events is
 * checked the same way.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EventContracts {

    @Bean
    PublishedEvents publishedEvents(KafkaProperties kafka) {
        return new PublishedEvents(String.join(",", kafka.getBootstrapServers()));
    }

    @Bean
    ContractVerifierMessaging<ConsumerRecord<String, String>> contractVerifierMessaging(PublishedEvents events) {
        return new RecordMessaging(events);
    }

    @Bean
    ContractVerifierObjectMapper contractVerifierObjectMapper(JsonMapper json) {
        return new ContractVerifierObjectMapper(json);
    }

    /**
     * Hands a generated test a Kafka record as a message: the JSON value as a string payload, the record's headers as
     * strings, and its key under {@link KafkaHeaders#KEY}, the header Spring Kafka maps to and from a record's key.
     */
    static final class RecordMessaging extends ContractVerifierMessaging<ConsumerRecord<String, String>> {

        RecordMessaging(PublishedEvents events) {
            super(new NothingToSend(), events);
        }

        @Override
        protected ContractVerifierMessage convert(ConsumerRecord<String, String> record) {
            Map<String, Object> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
            headers.put(KafkaHeaders.KEY, record.key());
            return new ContractVerifierMessage(record.value(), headers);
        }
    }

    /** These contracts describe only events a service publishes; one with an input message has no place here. */
    static final class NothingToSend implements MessageVerifierSender<ConsumerRecord<String, String>> {

        @Override
        public void send(ConsumerRecord<String, String> message, String destination, YamlContract contract) {
            throw new UnsupportedOperationException("These contracts describe only events the service publishes");
        }

        @Override
        public <T> void send(T payload, Map<String, Object> headers, String destination, YamlContract contract) {
            throw new UnsupportedOperationException("These contracts describe only events the service publishes");
        }
    }
}
