package dev.strangler.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the stack: started with its output in a log file, stoppable politely or by force, and pausable,
 * so that tests can crash, freeze and restart real servers.
 */
public final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Path pidFile;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path logFile,
                          Path pidFile) {
        this.name = name;
        this.command = withMarker(command, name);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** The java launcher of the JVM that runs the stack, so children use the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public synchronized ManagedProcess start() {
        return start(List.of());
    }

    /**
     * Starts the process once with arguments added to its command, for a run that differs on purpose (a test that
     * holds the outbox relay, for example); a later {@link #start()} uses the plain command again.
     */
    public synchronized ManagedProcess start(List<String> extraArguments) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            var arguments = new ArrayList<>(command);
            arguments.addAll(extraArguments);
            var builder = new ProcessBuilder(arguments)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            Files.writeString(pidFile, process.pid() + "\n" + marker(name));
            return this;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name, ex);
        }
    }

    public String name() {
        return name;
    }

    public synchronized long pid() {
        return requireStarted().pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Asks the process to stop (SIGTERM) and kills it if it has not stopped within the grace period. */
    public synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        resume();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        forgetPid();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        forgetPid();
    }

    /** SIGSTOP: the process freezes with its sockets open, like a hung server. */
    public synchronized void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        if (process != null && process.isAlive()) {
            signal("CONT");
        }
    }

    /** Pauses a start-up poll between attempts. */
    public static void pauseBeforeRetry() {
        try {
            // A refused connection fails at once; without a pause a poll would spin a core while its server boots.
            Thread.sleep(200);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a server to start", ex);
        }
    }

    /** The last lines of the log, to explain a failure. */
    public String tail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException ex) {
            return "(log unreadable: " + ex.getMessage() + ")";
        }
    }

    private void signal(String signal) {
        long pid = requireStarted().pid();
        try {
            var kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private Process requireStarted() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    private void forgetPid() {
        try {
            Files.deleteIfExists(pidFile);
        }
        catch (IOException ignored) {
            // a stale pid file is cleaned up by the next start
        }
    }

    /**
     * Kills children that a previous run recorded in {@code pidDir} and that are still alive with the same command,
     * for when that run was killed before it could stop them.
     */
    public static List<String> killStale(Path pidDir) {
        var killed = new ArrayList<String>();
        if (!Files.isDirectory(pidDir)) {
            return killed;
        }
        try (var files = Files.list(pidDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && lines.getFirst().matches("\\d+")) {
                    long pid = Long.parseLong(lines.getFirst());
                    String recorded = lines.size() > 1 ? lines.get(1) : "";
                    ProcessHandle.of(pid)
                            .filter(handle -> handle.info().commandLine().map(cmd -> sameCommand(cmd, recorded)).orElse(false))
                            .ifPresent(handle -> {
                                handle.destroyForcibly();
                                killed.add(file.getFileName() + " (pid " + pid + ")");
                            });
                }
                Files.deleteIfExists(file);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return killed;
    }

    /** The JDK reports only the start of a long command line, so the marker goes right after the executable. */
    private static boolean sameCommand(String actual, String recorded) {
        return !recorded.isBlank() && actual.contains(recorded);
    }

    private static String marker(String name) {
        return "-Dstrangler.devstack.child=" + name;
    }

    /** Java children carry a marker that identifies them as ours; other commands run as given. */
    private static List<String> withMarker(List<String> command, String name) {
        if (command.isEmpty() || !command.getFirst().endsWith("java")) {
            return List.copyOf(command);
        }
        var marked = new ArrayList<String>(command.size() + 1);
        marked.add(command.getFirst());
        marked.add(marker(name));
        marked.addAll(command.subList(1, command.size()));
        return List.copyOf(marked);
    }
}
