package dev.strangler.devstack.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Spring Boot service started from its executable jar as its own process, exactly as it would be deployed.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final String healthGroup;
    private final ManagedProcess process;

    private ServiceProcess(String name, int port, String healthGroup, ManagedProcess process) {
        this.name = name;
        this.port = port;
        this.healthGroup = healthGroup;
        this.process = process;
    }

    /**
     * Starts {@code java -jar jar --server.port=port args...}; call {@link #waitUntilHealthy} before using it.
     */
    public static ServiceProcess start(String name, Path jar, int port, List<String> args, Path logDir, Path pidDir) {
        return start(name, jar, port, args, Map.of(), logDir, pidDir);
    }

    /**
     * Starts {@code java -jar jar --server.port=port args...} with extra environment variables (for secrets, which
     * would show in the process list as arguments); call {@link #waitUntilHealthy} before using it.
     */
    public static ServiceProcess start(String name, Path jar, int port, List<String> args,
                                       Map<String, String> environment, Path logDir, Path pidDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No jar for " + name + " at " + jar + ": build it with ./mvnw -DskipTests package");
        }
        // A health group only this process has: a free port picked for it may be taken by another program before the
        // service binds it (tests of other builds run alongside), and that program's "UP" must not pass for this one.
        String healthGroup = "devstack" + UUID.randomUUID().toString().replace("-", "");
        var command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-Xms64m", "-Xmx384m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
                "--server.address=127.0.0.1", "--management.endpoint.health.group." + healthGroup + ".include=*"));
        command.addAll(args);
        var process = new ManagedProcess(name, command, environment, logDir.resolve(name + ".log"),
                pidDir.resolve(name + ".pid"));
        return new ServiceProcess(name, port, healthGroup, process.start());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
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

    /**
     * Waits until the service's own health group (every indicator of {@code /actuator/health}, under a name only this
     * process knows) answers UP; fails at once, with the end of the log, if the process dies.
     */
    public ServiceProcess waitUntilHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/" + healthGroup))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up. End of " + logFile() + ":\n"
                        + process.tail(40));
            }
            try {
                var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return this;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, ex);
            }
            ManagedProcess.pauseBeforeRetry();
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + ". End of " + logFile() + ":\n"
                + process.tail(40));
    }

    /** Stops the service gracefully (SIGTERM), killing it after 20 s. */
    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    /** SIGKILL, as in a crash. */
    public void kill() {
        process.kill();
    }

    public void pause() {
        process.pause();
    }

    public void resume() {
        process.resume();
    }

    /** Starts the same process again after a stop or kill. */
    public ServiceProcess restart() {
        if (process.isAlive()) {
            stop();
        }
        process.start();
        return this;
    }

    /** Starts the same process again with arguments added for this run only (see {@link ManagedProcess#start(List)}). */
    public ServiceProcess restartWith(String... extraArguments) {
        if (process.isAlive()) {
            stop();
        }
        process.start(List.of(extraArguments));
        return this;
    }

    @Override
    public void close() {
        stop();
    }
}
