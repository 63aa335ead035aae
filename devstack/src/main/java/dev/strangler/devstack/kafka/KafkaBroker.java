package dev.strangler.devstack.kafka;

import dev.strangler.devstack.process.ManagedProcess;
import dev.strangler.devstack.process.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker running as its own JVM process, so that tests can stop, kill, freeze and restart it.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;

    private KafkaBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = new ManagedProcess("kafka",
                List.of(ManagedProcess.javaExecutable(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                        "-Dlogback.configurationFile=devstack-kafka-logback.xml",
                        KafkaServerMain.class.getName(), dataDir.toString(), Integer.toString(port),
                        Integer.toString(controllerPort)),
                // The classpath goes through the environment: as an argument it would bury the command line.
                Map.of("CLASSPATH", System.getProperty("java.class.path")), dataDir.resolve("kafka.log"), dataDir.resolve("../pids/kafka.pid").normalize());
    }

    /** Starts a broker with its data in {@code dataDir}; port 0 picks free ports. Call {@link #waitUntilReady}. */
    public static KafkaBroker start(Path dataDir, int port) {
        int clientPort = port > 0 ? port : Ports.free();
        int controllerPort = port > 0 ? port + 1 : Ports.free();
        var broker = new KafkaBroker(dataDir.toAbsolutePath(), clientPort, controllerPort);
        broker.process.start();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Waits until the broker answers a metadata request, or fails with the end of its log. */
    public KafkaBroker waitUntilReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited during start-up:\n" + process.tail(40));
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return this;
                }
                catch (Exception notYet) {
                    ManagedProcess.pauseBeforeRetry();
                }
            }
        }
        throw new IllegalStateException("Kafka was not ready within " + timeout + ":\n" + process.tail(40));
    }

    /** Stops the broker cleanly (SIGTERM). */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Kills the broker (SIGKILL), as in a crash. */
    public void kill() {
        process.kill();
    }

    /** Freezes the broker (SIGSTOP): connections stay open but nothing answers. */
    public void pause() {
        process.pause();
    }

    public void resume() {
        process.resume();
    }

    /** Starts the broker again on the same ports and data, after {@link #stop()} or {@link #kill()}. */
    public KafkaBroker restart() {
        if (process.isAlive()) {
            stop();
        }
        process.start();
        return this;
    }

    public Path dataDir() {
        return dataDir;
    }

    int controllerPort() {
        return controllerPort;
    }

    @Override
    public void close() {
        stop();
    }
}
