package dev.strangler.devstack;

import dev.strangler.devstack.kafka.KafkaBroker;
import dev.strangler.devstack.mail.MailServer;
import dev.strangler.devstack.postgres.PostgresServer;
import dev.strangler.devstack.process.DataDirLock;
import dev.strangler.devstack.process.ManagedProcess;
import dev.strangler.devstack.process.Ports;
import dev.strangler.devstack.process.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole system on one machine without Docker: PostgreSQL, a Kafka broker process, an SMTP server, and every
 * service as its own process. The local run and the system tests both start it.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    public static final String GATEWAY = "api-gateway";
    public static final String MONOLITH = "monolith";
    public static final String USER_SERVICE = "user-service";
    public static final String ORDER_SERVICE = "order-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";

    /** One database per service that owns data; later services add theirs here. */
    static final List<String> DATABASES = List.of("monolith", "users", "orders", "notifications");

    private final Options options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private DataDirLock lock;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private MailServer mail;
    private AdminCredentials admin;

    private LocalStack(Options options) {
        this.options = options;
    }

    /**
     * Where and how to run.
     *
     * @param repoRoot the repository, where the services' jars are built
     * @param dataDir where every piece keeps its data and logs
     * @param fresh delete the data directory first
     * @param seed load the monolith's demo data
     * @param postgresPort PostgreSQL's port
     * @param kafkaPort Kafka's client port (the controller uses the next port when fixed)
     * @param smtpPort the SMTP server's port
     * @param mailHttpPort the HTTP inbox's port
     * @param servicePorts each service's HTTP port, by service name
     */
    public record Options(Path repoRoot, Path dataDir, boolean fresh, boolean seed, int postgresPort, int kafkaPort,
                          int smtpPort, int mailHttpPort, Map<String, Integer> servicePorts) {

        /** The services of the local run and their fixed ports, printed in the README. */
        static final Map<String, Integer> SERVICE_PORTS = orderedPorts(GATEWAY, 8080, MONOLITH, 8081, USER_SERVICE, 8082,
                ORDER_SERVICE, 8083, NOTIFICATION_SERVICE, 8084);

        public Options {
            servicePorts = Collections.unmodifiableMap(new LinkedHashMap<>(servicePorts));
        }

        /** The fixed ports of the local run, printed in the README. */
        public static Options defaults(Path repoRoot) {
            return new Options(repoRoot, repoRoot.resolve(".devstack"), false, true, 15432, 19092, 3025, 8025,
                    SERVICE_PORTS);
        }

        /** Free ports and a private data directory, so that tests never collide with a running local stack. */
        public static Options randomPorts(Path repoRoot, Path dataDir) {
            var ports = new LinkedHashMap<String, Integer>();
            SERVICE_PORTS.keySet().forEach(service -> ports.put(service, Ports.free()));
            return new Options(repoRoot, dataDir, true, false, Ports.free(), 0, Ports.free(), Ports.free(), ports);
        }

        /** The HTTP port of a service of the stack. */
        public int port(String service) {
            Integer port = servicePorts.get(service);
            if (port == null) {
                throw new IllegalArgumentException("No service " + service + "; the stack runs " + servicePorts.keySet());
            }
            return port;
        }

        public Options withFresh(boolean fresh) {
            return new Options(repoRoot, dataDir, fresh, seed, postgresPort, kafkaPort, smtpPort, mailHttpPort,
                    servicePorts);
        }

        public Options withSeed(boolean seed) {
            return new Options(repoRoot, dataDir, fresh, seed, postgresPort, kafkaPort, smtpPort, mailHttpPort,
                    servicePorts);
        }

        public Options withDataDir(Path dataDir) {
            return new Options(repoRoot, dataDir, fresh, seed, postgresPort, kafkaPort, smtpPort, mailHttpPort,
                    servicePorts);
        }

        private static Map<String, Integer> orderedPorts(Object... serviceAndPort) {
            var ports = new LinkedHashMap<String, Integer>();
            for (int i = 0; i < serviceAndPort.length; i += 2) {
                ports.put((String) serviceAndPort[i], (Integer) serviceAndPort[i + 1]);
            }
            return Collections.unmodifiableMap(ports);
        }
    }

    /** Starts everything and returns when every service is healthy; on failure, stops what it started. */
    public static LocalStack start(Options options) {
        var stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        }
        catch (RuntimeException ex) {
            stack.close();
            throw ex;
        }
    }

    private void startAll() {
        Path dataDir = options.dataDir().toAbsolutePath();
        lock = DataDirLock.acquire(dataDir);
        // Holding the lock means no live stack owns these children: they are orphans of a run that was killed.
        ManagedProcess.killStale(pidDir())
                .forEach(process -> log.warn("Killed {} left behind by an earlier run", process));
        PostgresServer.stopLeftover(dataDir.resolve("postgres"));
        if (options.fresh()) {
            deleteRecursively(dataDir);
        }
        refuseBusyPorts();
        admin = AdminCredentials.resolve(System.getenv(), dataDir);

        // The three servers do not depend on each other, so they boot in parallel.
        var postgresReady = CompletableFuture.supplyAsync(() -> {
            var server = PostgresServer.start(dataDir.resolve("postgres"), options.postgresPort());
            DATABASES.forEach(server::createDatabase);
            return server;
        });
        var kafkaReady = CompletableFuture.supplyAsync(() -> KafkaBroker.start(dataDir.resolve("kafka"),
                options.kafkaPort()));
        var mailReady = CompletableFuture.supplyAsync(() -> MailServer.start(options.smtpPort(),
                options.mailHttpPort()));
        CompletableFuture.allOf(postgresReady, kafkaReady, mailReady).exceptionally(failure -> null).join();
        postgres = rememberIfStarted(postgresReady);
        kafka = rememberIfStarted(kafkaReady);
        mail = rememberIfStarted(mailReady);
        Stream.of(postgresReady, kafkaReady, mailReady).forEach(LocalStack::join);
        kafka.waitUntilReady(Duration.ofSeconds(60));
        log.info("Infrastructure ready: PostgreSQL :{}, Kafka {}, SMTP :{}", postgres.port(), kafka.bootstrapServers(),
                mail.smtpPort());

        // Every service boots at the same time; they find each other by name when a request needs it.
        startService(MONOLITH, List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl("monolith"),
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + PostgresServer.PASSWORD,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.smtpPort(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--strangler.seed.enabled=" + options.seed(),
                "--strangler.shop.storefront-url=" + url(GATEWAY),
                discovery(USER_SERVICE),
                // Once order-service owns order writes, the monolith hands its orders to it.
                discovery(ORDER_SERVICE)), admin.asEnvironment());
        startService(USER_SERVICE, List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl("users"),
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + PostgresServer.PASSWORD,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                discovery(MONOLITH)), admin.asEnvironment());
        // order-service reserves stock at the monolith's internal stock API, found by name.
        startService(ORDER_SERVICE, List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl("orders"),
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + PostgresServer.PASSWORD,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                discovery(MONOLITH)), admin.asEnvironment());
        // The other sender of e-mail: the same SMTP server as the monolith, so the inbox shows both.
        startService(NOTIFICATION_SERVICE, List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl("notifications"),
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + PostgresServer.PASSWORD,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.smtpPort(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--strangler.notifications.storefront-url=" + url(GATEWAY)), admin.asEnvironment());
        // The gateway knows notification-service by name: it checks that the service exists before the
        // notifications capability may move to SERVICE.
        startService(GATEWAY, List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                discovery(MONOLITH),
                discovery(USER_SERVICE),
                discovery(ORDER_SERVICE),
                discovery(NOTIFICATION_SERVICE)), admin.asEnvironment());
        services.values().forEach(service -> service.waitUntilHealthy(startTimeout()));
    }

    /**
     * How long every service may take to become healthy: 2 minutes, or the system property
     * {@code strangler.devstack.start-timeout-seconds} on a machine shared with other builds.
     */
    public static Duration startTimeout() {
        return Duration.ofSeconds(Long.getLong("strangler.devstack.start-timeout-seconds", 120));
    }

    private void startService(String name, List<String> args, Map<String, String> environment) {
        Path jar = findJar(name);
        var service = ServiceProcess.start(name, jar, options.port(name), args, environment, dataDir().resolve("logs"),
                pidDir());
        services.put(name, remember(service));
    }

    /** Static ("simple") discovery of a service of the stack; under compose, Consul does this. */
    private String discovery(String service) {
        return "--spring.cloud.discovery.client.simple.instances." + service + "[0].uri=" + url(service);
    }

    private String url(String service) {
        return "http://127.0.0.1:" + options.port(service);
    }

    /** The executable jar that Maven built in {@code <module>/target}. */
    Path findJar(String module) {
        Path target = options.repoRoot().resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-stubs.jar")
                                && !name.endsWith("-sources.jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + module + " jar in " + target
                            + ": build it with ./mvnw -DskipTests package"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void refuseBusyPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>(Map.of("PostgreSQL", options.postgresPort(), "Kafka",
                options.kafkaPort(), "SMTP", options.smtpPort(), "mail inbox", options.mailHttpPort()));
        ports.putAll(options.servicePorts());
        ports.forEach((what, port) -> {
            if (port > 0 && Ports.inUse(port)) {
                throw new IllegalStateException("Port " + port + " for " + what
                        + " is already in use: is another local stack running?");
            }
        });
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /**
     * Stops the Kafka broker cleanly, as in an outage: the services keep running and must cope (their outboxes hold
     * what they commit). {@link #startKafka()} brings it back on the same port with the same data.
     */
    public void stopKafka() {
        kafka.stop();
    }

    /** Starts the broker stopped by {@link #stopKafka()} again, on the same port and data, and waits until it answers. */
    public void startKafka() {
        kafka.restart().waitUntilReady(Duration.ofSeconds(60));
    }

    public MailServer mail() {
        return mail;
    }

    /** The gateway's admin account. */
    public AdminCredentials admin() {
        return admin;
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name + "; running: " + services.keySet());
        }
        return service;
    }

    /** Every service of the stack, in the order they were started. */
    public Map<String, ServiceProcess> services() {
        return Collections.unmodifiableMap(services);
    }

    public Path dataDir() {
        return options.dataDir().toAbsolutePath();
    }

    private Path pidDir() {
        return dataDir().resolve("pids");
    }

    /** Stops the services first, then the infrastructure, in the reverse order of start. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            }
            catch (Exception ex) {
                log.warn("Could not stop {} cleanly: {}", started.get(i), ex.toString());
            }
        }
        started.clear();
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private <T extends AutoCloseable> T remember(T piece) {
        started.add(piece);
        return piece;
    }

    /** Remembers a piece that started, so that a failure of its neighbour still stops it. */
    private <T extends AutoCloseable> T rememberIfStarted(CompletableFuture<T> future) {
        return future.isCompletedExceptionally() ? null : remember(future.join());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        }
        catch (java.util.concurrent.CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw ex;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not delete " + dir, ex);
        }
    }
}
