import dev.strangler.devstack.kafka.KafkaBroker;
import dev.strangler.devstack.postgres.PostgresServer;
import dev.strangler.devstack.process.Ports;
import dev.strangler.devstack.process.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The users backfill benchmark, run by backfill.sh: real PostgreSQL and Kafka from devstack, the monolith's jar as its
 * own process with the local run's JVM settings, N legacy users seeded straight into the table, then
 * POST /admin/backfill/users and the clock until (1) the backfill has appended every event, (2) the outbox is
 * drained, (3) every event is on Kafka. Prints one line of key=value results; backfill.sh writes the report.
 * Arguments: repo root, users, backfill batch size, work directory.
 */
class BackfillBench {

    static final String PASSWORD = "bench-only-secret";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int users = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);

        var postgresReady = CompletableFuture.supplyAsync(() ->
                PostgresServer.start(work.resolve("postgres"), 0).createDatabase("monolith"));
        var kafkaReady = CompletableFuture.supplyAsync(() ->
                KafkaBroker.start(work.resolve("kafka"), 0).waitUntilReady(Duration.ofSeconds(90)));
        try (PostgresServer postgres = postgresReady.join(); KafkaBroker kafka = kafkaReady.join()) {
            Path jar = Files.list(root.resolve("monolith/target"))
                    .filter(path -> path.getFileName().toString().matches("monolith-.*\\.jar"))
                    .findFirst().orElseThrow();
            int port = Ports.free();
            try (ServiceProcess monolith = ServiceProcess.start("monolith", jar, port, List.of(
                            "--spring.datasource.url=" + postgres.jdbcUrl("monolith"),
                            "--spring.datasource.username=" + PostgresServer.USER,
                            "--spring.datasource.password=" + PostgresServer.PASSWORD,
                            "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                            "--strangler.seed.enabled=false",
                            "--strangler.backfill.batch-size=" + batch),
                    Map.of("STRANGLER_ADMIN_USER", "admin", "STRANGLER_ADMIN_PASSWORD", PASSWORD),
                    work, work)) {
                monolith.waitUntilHealthy(Duration.ofSeconds(120));
                run(postgres, kafka, monolith, users, batch);
            }
        }
    }

    static void run(PostgresServer postgres, KafkaBroker kafka, ServiceProcess monolith, int users, int batch)
            throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("monolith"), PostgresServer.USER,
                PostgresServer.PASSWORD);
             var consumer = new KafkaConsumer<String, String>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000))) {
            Instant seeding = Instant.now();
            db.createStatement().executeUpdate("""
                    insert into users (email, name, created_at, updated_at, version)
                    select 'bench-' || g || '@example.com', 'Bench User ' || g, now(), now(), g %% 3
                    from generate_series(1, %d) g""".formatted(users));
            db.createStatement().execute("analyze users");
            long seeded = Duration.between(seeding, Instant.now()).toMillis();

            // The relay creates the topics once Kafka answers; wait for them before starting the clock.
            waitFor(Duration.ofSeconds(60), () -> consumer.listTopics().containsKey("user.updated"));
            List<TopicPartition> partitions = consumer.partitionsFor("user.updated").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();

            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            String load = loadAverage();
            Instant start = Instant.now();
            var started = http.send(HttpRequest.newBuilder(URI.create(monolith.baseUrl() + "/admin/backfill/users"))
                    .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("Backfill did not start: " + started.statusCode() + " " + started.body());
            }
            var status = HttpRequest.newBuilder(URI.create(monolith.baseUrl() + "/admin/backfill/users"))
                    .header("Authorization", auth).GET().build();
            waitFor(Duration.ofMinutes(30), () -> send(http, status).contains("\"state\":\"DONE\""));
            long appended = Duration.between(start, Instant.now()).toMillis();
            waitFor(Duration.ofMinutes(30), () -> count(db, "select count(*) from event_outbox where sent_at is null") == 0);
            long drained = Duration.between(start, Instant.now()).toMillis();
            waitFor(Duration.ofMinutes(5), () -> consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue).sum() >= users);
            long onKafka = Duration.between(start, Instant.now()).toMillis();
            String loadAfter = loadAverage();

            // Not timed: every user is on the topic exactly as often as it was published.
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Set<String> keys = new HashSet<>();
            long records = 0;
            while (records < users) {
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    keys.add(record.key());
                    records++;
                }
            }
            long outboxRows = count(db, "select count(*) from event_outbox");
            System.out.printf("RESULT users=%d batch=%d seeded_ms=%d appended_ms=%d drained_ms=%d on_kafka_ms=%d "
                            + "records=%d distinct_keys=%d outbox_rows=%d load_before=%s load_after=%s%n",
                    users, batch, seeded, appended, drained, onKafka, records, keys.size(), outboxRows,
                    load.replace(' ', '/'), loadAfter.replace(' ', '/'));
        }
    }

    static String send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (Exception ex) {
            return "";
        }
    }

    static long count(Connection db, String sql) {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String loadAverage() throws Exception {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** Polls every 50 ms until the condition holds: the benchmark's resolution. */
    static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not reached within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
