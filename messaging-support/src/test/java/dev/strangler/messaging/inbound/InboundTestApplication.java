package dev.strangler.messaging.inbound;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer built the way a service builds one on messaging-support: a listener that reads events with
 * {@link IncomingEvent} and writes them to PostgreSQL, and one with a typed JSON deserializer.
 */
@SpringBootApplication
class InboundTestApplication {

    static final String TOPIC = "inbound.it.things";
    static final String TYPED_TOPIC = "inbound.it.typed";

    /** The consumer's own record of what it reads. */
    record ThingChanged(long id, String name, long version) {
    }

    /** Stands in for the producer, which creates the topics it publishes to before anyone subscribes. */
    @Bean
    NewTopic thingsTopic() {
        return new NewTopic(TOPIC, 3, (short) 1);
    }

    @Bean
    NewTopic typedTopic() {
        return new NewTopic(TYPED_TOPIC, 3, (short) 1);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, ThingChanged> typedListenerFactory(KafkaProperties kafka,
                                                                                      CommonErrorHandler errors) {
        var values = new ErrorHandlingDeserializer<>(new JacksonJsonDeserializer<>(ThingChanged.class, false));
        var factory = new ConcurrentKafkaListenerContainerFactory<String, ThingChanged>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(),
                new StringDeserializer(), values));
        factory.setCommonErrorHandler(errors);
        return factory;
    }

    @Component
    static class Things {

        /** How often the listener was called per partition-offset, to tell "at once" from "after retries". */
        static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

        private final JdbcTemplate jdbc;
        private final TransactionTemplate transactions;

        Things(JdbcTemplate jdbc, TransactionTemplate transactions) {
            this.jdbc = jdbc;
            this.transactions = transactions;
        }

        @KafkaListener(topics = TOPIC, groupId = "inbound-it")
        void on(ConsumerRecord<String, String> record) {
            CALLS.computeIfAbsent(record.partition() + "@" + record.offset(), key -> new AtomicInteger()).incrementAndGet();
            IncomingEvent event = IncomingEvent.from(record);
            switch (event.type()) {
                case "thing.changed" -> apply(event.data(ThingChanged.class));
                default -> throw PoisonMessageException.unknownType(event);
            }
        }

        @KafkaListener(topics = TYPED_TOPIC, groupId = "inbound-it-typed", containerFactory = "typedListenerFactory")
        void onTyped(ThingChanged thing) {
            apply(thing);
        }

        private void apply(ThingChanged thing) {
            if (thing.name().equals("explode")) {
                throw new IllegalStateException("cannot handle " + thing.name());
            }
            transactions.executeWithoutResult(status -> {
                // A table locked by someone else makes this fail fast with a lock timeout: a transient failure.
                jdbc.execute("set local lock_timeout = '200ms'");
                jdbc.update("""
                        insert into things (id, name, version) values (?, ?, ?)
                        on conflict (id) do update set name = excluded.name, version = excluded.version
                        where things.version < excluded.version""", thing.id(), thing.name(), thing.version());
            });
        }
    }
}
