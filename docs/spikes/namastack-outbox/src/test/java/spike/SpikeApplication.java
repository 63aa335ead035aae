package spike;

import io.namastack.outbox.handler.OutboxRecordMetadata;
import io.namastack.outbox.handler.OutboxTypedHandler;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal application with the outbox and one handler that records what it gets and can be told to fail. */
@SpringBootApplication
public class SpikeApplication {

    /** What a service would append: one event for one aggregate. */
    public record Event(String key, int seq) {
    }

    /** One delivery the handler saw: which instance, when, what. */
    public record Delivery(String instance, Instant at, String key, int seq) {
    }

    @Bean
    Clock clock(org.springframework.core.env.Environment env) {
        // Tests of time-driven code inject a fixed clock; the outbox picks up whatever Clock bean the application has.
        return env.getProperty("spike.fixed-clock", Boolean.class, false)
                ? Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), java.time.ZoneOffset.UTC) : Clock.systemUTC();
    }

    @Component
    public static class RecordingHandler implements OutboxTypedHandler<Event> {

        public static final List<Delivery> DELIVERED = new CopyOnWriteArrayList<>();
        /** key:seq -> how many more calls fail; -1 = always. */
        public static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();
        public static final Map<String, List<Instant>> ATTEMPTS = new ConcurrentHashMap<>();
        public static final AtomicInteger CALLS = new AtomicInteger();

        private final String instance;

        RecordingHandler(org.springframework.core.env.Environment env) {
            this.instance = env.getProperty("spike.instance", "a");
        }

        @Override
        public void handle(Event event, OutboxRecordMetadata metadata) {
            CALLS.incrementAndGet();
            String id = event.key() + ":" + event.seq();
            ATTEMPTS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
            Integer left = FAILURES.get(id);
            if (left != null && left != 0) {
                FAILURES.put(id, left - 1);
                throw new IllegalStateException("broker down for " + id);
            }
            DELIVERED.add(new Delivery(instance, Instant.now(), event.key(), event.seq()));
        }
    }
}
