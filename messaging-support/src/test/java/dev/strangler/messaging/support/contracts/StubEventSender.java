package dev.strangler.messaging.support.contracts;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.contract.verifier.converter.YamlContract;
import org.springframework.cloud.contract.verifier.messaging.MessageVerifierReceiver;
import org.springframework.cloud.contract.verifier.messaging.MessageVerifierSender;
import org.springframework.cloud.contract.verifier.messaging.internal.ContractVerifierMessaging;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts a producer's contract messages on the real broker when a test triggers a stub ({@code StubTrigger}): Spring
 * Cloud Contract 5.0.2 has no Kafka bridge, so Stub Runner sends through this bean. The contract's
 * {@link KafkaHeaders#KEY} header becomes the record key and every other header a record header, so a subscriber
 * meets the record exactly as the producer's contract test saw it on Kafka.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StubEventSender {

    @Bean
    MessageVerifierSender<ProducerRecord<String, String>> stubEventSender(KafkaTemplate<String, String> kafka,
                                                                          JsonMapper json) {
        return new Sender(kafka, json);
    }

    /**
     * Declared so that Contract's own messaging configurations stand back: with Spring Kafka's {@code Message} class
     * on the classpath, its Spring Integration one would otherwise ask for a sender of {@code Message}s.
     */
    @Bean
    ContractVerifierMessaging<ProducerRecord<String, String>> contractVerifierMessaging(
            MessageVerifierSender<ProducerRecord<String, String>> sender) {
        return new ContractVerifierMessaging<>(sender, new NothingToReceive());
    }

    /** A subscriber's tests only receive through their own listeners; nothing here reads a destination. */
    static final class NothingToReceive implements MessageVerifierReceiver<ProducerRecord<String, String>> {

        @Override
        public ProducerRecord<String, String> receive(String destination, long timeout, TimeUnit timeUnit,
                                                      YamlContract contract) {
            throw new UnsupportedOperationException("Subscribers' tests read what their listeners did, not topics");
        }

        @Override
        public ProducerRecord<String, String> receive(String destination, YamlContract contract) {
            throw new UnsupportedOperationException("Subscribers' tests read what their listeners did, not topics");
        }
    }

    record Sender(KafkaTemplate<String, String> kafka, JsonMapper json)
            implements MessageVerifierSender<ProducerRecord<String, String>> {

        @Override
        public void send(ProducerRecord<String, String> record, String destination, YamlContract contract) {
            try {
                kafka.send(record).get(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            catch (ExecutionException | TimeoutException ex) {
                throw new IllegalStateException("Could not send the stub's message to " + destination, ex);
            }
        }

        @Override
        public <T> void send(T payload, Map<String, Object> headers, String destination, YamlContract contract) {
            var recordHeaders = new RecordHeaders();
            String key = null;
            for (Map.Entry<String, Object> header : headers.entrySet()) {
                if (KafkaHeaders.KEY.equals(header.getKey())) {
                    key = String.valueOf(header.getValue());
                }
                else if (header.getValue() != null) {
                    recordHeaders.add(header.getKey(), String.valueOf(header.getValue()).getBytes(StandardCharsets.UTF_8));
                }
            }
            send(new ProducerRecord<>(destination, null, key, text(payload), recordHeaders), destination, contract);
        }

        private String text(Object payload) {
            return switch (payload) {
                case String string -> string;
                case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
                default -> json.writeValueAsString(payload);
            };
        }
    }
}
