package dev.strangler.messaging.support;

import dev.strangler.devstack.kafka.KafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * One real Kafka broker, as its own process, for every test of a JVM; shared with the services' tests through this
 * module's test jar.
 */
public final class SharedKafka {

    private static KafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = startPrivate();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-test-kafka"));
        }
        return broker.bootstrapServers();
    }

    /** A broker of the test's own, for tests that stop and restart it. Close it when done. */
    public static KafkaBroker startPrivate() {
        try {
            return KafkaBroker.start(Files.createTempDirectory("test-kafka"), 0).waitUntilReady(Duration.ofSeconds(90));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
