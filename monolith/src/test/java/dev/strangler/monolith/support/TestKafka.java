package dev.strangler.monolith.support;

import dev.strangler.devstack.kafka.KafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * One real Kafka broker, as its own process, for every monolith test in the JVM that needs one.
 */
public final class TestKafka {

    private static KafkaBroker broker;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                broker = KafkaBroker.start(Files.createTempDirectory("monolith-test-kafka"), 0)
                        .waitUntilReady(Duration.ofSeconds(90));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-test-kafka"));
        }
        return broker.bootstrapServers();
    }
}
