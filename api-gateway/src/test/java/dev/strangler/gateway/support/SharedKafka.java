package dev.strangler.gateway.support;

import dev.strangler.devstack.kafka.KafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One real Kafka broker, as its own process, for every gateway test in the JVM; each test context gets its own
 * {@code migration.state} topic on it, so that contexts never see each other's state.
 */
public final class SharedKafka {

    private static KafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-test-kafka"));
        }
        return broker.bootstrapServers();
    }

    /** A broker of the test's own, for tests that stop or restart it. Close it when done. */
    public static KafkaBroker startPrivate() {
        return start();
    }

    private static KafkaBroker start() {
        try {
            Path dataDir = Files.createTempDirectory("gateway-test-kafka");
            return KafkaBroker.start(dataDir, 0).waitUntilReady(Duration.ofSeconds(90));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
