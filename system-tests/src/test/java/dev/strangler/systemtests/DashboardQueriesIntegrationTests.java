package dev.strangler.systemtests;

import dev.strangler.devstack.LocalStack;
import dev.strangler.devstack.process.Ports;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves the Grafana dashboards against a real Prometheus, since Grafana cannot run here: after a migration walk
 * through the gateway, every query of every panel must be valid PromQL and return data from what Prometheus scraped.
 */
class DashboardQueriesIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(DashboardQueriesIntegrationTests.class);
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Debian's package (2.42); compose runs 3.x, so the dashboards stay within PromQL both understand. */
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    /** What Grafana would put in the variables: the capability that moves, and 4 scrape intervals of this test. */
    static final Map<String, String> VARIABLES = Map.of("capability", "users", "__rate_interval", "30s");
    /**
     * Panels whose data cannot exist in this run, as {@code "dashboard / panel"}: their queries must be valid but may
     * return nothing. None so far: the walk below produces data for every panel.
     */
    static final Set<String> MAY_BE_EMPTY = Set.of();
    /** Where the walk publishes one event nobody can read, for the dead-letter panel. */
    static final String POISON_TOPIC = "user.created";

    @TempDir
    static Path dataDir;

    static Path repoRoot;
    static LocalStack stack;
    static PrometheusServer prometheus;

    @BeforeAll
    static void startTheSystemAndPrometheus() {
        if (!Files.isExecutable(PROMETHEUS)) {
            // The test reports the skip: an assumption here would hide the class from the report instead.
            return;
        }
        repoRoot = Path.of(System.getProperty("strangler.repo.root", "..")).toAbsolutePath().normalize();
        // The demo catalog: the walk places orders.
        stack = LocalStack.start(LocalStack.Options.randomPorts(repoRoot, dataDir.resolve("stack")).withSeed(true));
        int port = Ports.free();
        prometheus = PrometheusServer.start(PROMETHEUS, dataDir.resolve("prometheus"), port, scrapeConfig(port));
        log.info("Prometheus {} (pid {}) at {} scrapes {}", prometheus.version(), prometheus.pid(),
                prometheus.baseUrl(), stack.services().keySet());
    }

    @AfterAll
    static void stopPrometheusAndTheSystem() {
        if (prometheus != null) {
            long pid = prometheus.pid();
            prometheus.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("prometheus (pid %d) after stop", pid)
                    .isNotEqualTo(Optional.of(true));
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyPanelQueryShouldReturnDataFromPrometheusAfterAMigrationWalk() {
        assumeTrue(Files.isExecutable(PROMETHEUS), "No Prometheus at " + PROMETHEUS
                + " (Debian package prometheus, which .ci/run installs), so the dashboard queries cannot be checked");
        var dashboards = GrafanaDashboards.load(repoRoot.resolve("grafana/dashboards"));
        var expectedTitles = new ArrayList<>(List.of("Strangler Shop / Migration"));
        stack.services().keySet().forEach(service -> expectedTitles.add("Strangler Shop / " + service));
        assertThat(dashboards.titles()).as("a migration dashboard and one per service")
                .containsExactlyInAnyOrderElementsOf(expectedTitles);

        long start = System.nanoTime();
        // Prometheus loads its targets a few seconds after it is ready: without a first scrape before the walk, the
        // counters' increases during it would be invisible to rate().
        awaitEveryTargetScrapedAfter(Instant.now());
        deadLetterOnePoisonEvent();
        walkUserReadsToTheServiceAndBack();
        walkOrderWritesToTheServiceAndBack();
        Instant walked = Instant.now();
        awaitEveryTargetScrapedAfter(walked.plusSeconds(2));

        Set<String> metrics = Set.copyOf(prometheus.metricNames());
        assertThat(metrics).as("latency histograms, which the p50/p99 panels need (failsafe's environmentVariables "
                        + "switch them on, as docker-compose.yml does)")
                .contains("http_server_requests_seconds_bucket", "spring_cloud_gateway_requests_seconds_bucket");
        var failures = new ArrayList<String>();
        for (var variable : dashboards.variables()) {
            List<String> values = prometheus.labelValues(variable.metric(), variable.label());
            if (!values.contains(VARIABLES.get(variable.name()))) {
                failures.add("\"%s\" / variable $%s: label_values(%s, %s) lists %s, not the test's value %s".formatted(
                        variable.dashboard(), variable.name(), variable.metric(), variable.label(), values,
                        VARIABLES.get(variable.name())));
            }
        }
        var queries = dashboards.queries();
        var results = new HashMap<String, PrometheusServer.QueryResult>();
        for (var query : queries) {
            String promql = query.resolve(VARIABLES);
            query.metrics().stream().filter(metric -> !metrics.contains(metric)).forEach(metric ->
                    failures.add("%s: Prometheus has no metric %s%n    %s".formatted(query, metric, promql)));
            var result = prometheus.query(promql);
            results.put(query.dashboard() + " / " + query.panel() + " [" + query.refId() + "]", result);
            if (result.error() != null) {
                failures.add("%s: refused: %s%n    %s".formatted(query, result.error(), promql));
            }
            else if (result.seriesCount() == 0 && !MAY_BE_EMPTY.contains(query.dashboard() + " / " + query.panel())) {
                failures.add("%s: no series%n    %s".formatted(query, promql));
            }
        }
        assertThat(failures).withFailMessage(() -> "%d of %d dashboard queries fail against Prometheus %s:%n%s"
                        .formatted(failures.size(), queries.size(), prometheus.version(), String.join("\n", failures)))
                .isEmpty();

        // And the migration dashboard tells the story of the walk.
        assertThat(labels(results, "Read mode", "mode")).as("read mode after the rollback").containsExactly("MONOLITH");
        assertThat(labels(results, "Fallbacks to the monolith by reason", "reason")).as("fallback reasons")
                .contains("timeout");
        assertThat(values(results, "Shadow comparisons by result")).as("shadow comparisons per second")
                .anySatisfy(rate -> assertThat(rate).isPositive());
        assertThat(labels(results, "Events dead-lettered since start", "topic")).as("dead-lettered topics")
                .contains(POISON_TOPIC);
        assertThat(values(results, "Events dead-lettered since start")).as("dead letters")
                .anySatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        log.info("{} queries of {} panels in {} dashboards all returned data from Prometheus {} (first scrape, walk, "
                        + "scrape and queries took {} s)", queries.size(), dashboards.panelCount(),
                dashboards.titles().size(), prometheus.version(),
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    private static List<String> labels(Map<String, PrometheusServer.QueryResult> results, String panel, String label) {
        return series(results, panel).map(series -> series.path("metric").path(label).asString()).toList();
    }

    private static List<Double> values(Map<String, PrometheusServer.QueryResult> results, String panel) {
        return series(results, panel).map(series -> Double.parseDouble(series.path("value").get(1).asString()))
                .toList();
    }

    /** The series the first query of a migration dashboard panel returned. */
    private static Stream<JsonNode> series(Map<String, PrometheusServer.QueryResult> results, String panel) {
        var result = results.get("Strangler Shop / Migration / " + panel + " [A]");
        assertThat(result).as("migration dashboard panel \"%s\"", panel).isNotNull();
        return result.data().path("result").valueStream();
    }

    /**
     * A record on {@code user.created} that no consumer can read (no CloudEvents headers, no JSON): the monolith's
     * replication consumer sends it to {@code user.created.DLT} at once and counts it, so that the dead-letter panel
     * has its series — and shows that the plumbing from a poison event to the dashboard works. Waits until the
     * monolith has counted it, so that Prometheus's next scrape sees it.
     */
    private static void deadLetterOnePoisonEvent() {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(POISON_TOPIC, "dashboard-poison", "not an event")).get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new AssertionError("Could not publish the poison event: " + ex, ex);
        }
        var monolithMetrics = URI.create(stack.service(LocalStack.MONOLITH).baseUrl() + "/actuator/prometheus");
        await("the monolith has dead-lettered the poison event").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(send(HttpRequest.newBuilder(monolithMetrics).GET()).body())
                        .containsPattern("strangler_events_dead_lettered_total\\{[^}]*topic=\"" + POISON_TOPIC + "\""));
    }

    /**
     * Phase 4 of the story for user reads, so that every migration metric exists: writes and reads on the monolith,
     * then SHADOW, CANARY 50 %, SERVICE with user-service frozen (a fallback), and back to MONOLITH.
     */
    private static void walkUserReadsToTheServiceAndBack() {
        var ids = new ArrayList<Long>();
        for (int i = 0; i < 4; i++) {
            var created = send("POST", "/api/users", """
                    {"email": "dashboard-%s@example.com", "name": "Dashboard %d"}""".formatted(UUID.randomUUID(), i));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ids.add(json.readTree(created.body()).path("id").asLong());
        }
        readEach(ids);
        assertThat(send("GET", "/api/products", null).statusCode()).isEqualTo(200);
        try {
            for (String reads : List.of("{\"mode\":\"SHADOW\"}", "{\"mode\":\"CANARY\",\"percent\":50}",
                    "{\"mode\":\"SERVICE\"}")) {
                moveUserReads(reads);
                readEach(ids);
            }
            var userService = stack.service(LocalStack.USER_SERVICE);
            userService.pause();
            try {
                var fallback = send("GET", "/api/users/" + ids.getFirst(), null);
                assertThat(fallback.statusCode()).isEqualTo(200);
                assertThat(fallback.headers().firstValue("X-Served-By")).as("a frozen service's read")
                        .hasValue(LocalStack.MONOLITH);
            }
            finally {
                userService.resume();
            }
        }
        finally {
            moveUserReads("{\"mode\":\"MONOLITH\"}");
        }
    }

    /**
     * Reads every user through the gateway. The monolith knows them all; user-service only knows what reached it, and
     * nothing copies the monolith's users to it yet (the events come in a later phase), so it may answer 404.
     */
    private static void readEach(List<Long> ids) {
        for (long id : ids) {
            var read = send("GET", "/api/users/" + id, null);
            String servedBy = read.headers().firstValue("X-Served-By").orElse("");
            assertThat(read.statusCode()).as("GET /api/users/%d from %s: %s", id, servedBy, read.body())
                    .isIn(servedBy.equals(LocalStack.MONOLITH) ? List.of(200) : List.of(200, 404));
        }
    }

    /**
     * Phase 5 of the story for orders, so that the orders panels have data: an order placed by the monolith, then
     * order reads and writes moved to order-service (which reserves the stock at the monolith) and an order placed there, then
     * back. order-service knows the customer once the monolith's user.created has reached its replica: until then it
     * answers 422 "Unknown user", which the walk waits out.
     */
    private static void walkOrderWritesToTheServiceAndBack() {
        var created = send("POST", "/api/users", """
                {"email": "dashboard-orders-%s@example.com", "name": "Dashboard Orders"}""".formatted(UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long user = json.readTree(created.body()).path("id").asLong();
        long product = json.readTree(send("GET", "/api/products?size=100", null).body()).path("content")
                .valueStream().filter(candidate -> candidate.path("stock").asInt() >= 5)
                .findFirst().orElseThrow().path("id").asLong();
        String order = """
                {"userId": %d, "lines": [{"productId": %d, "quantity": 1}]}""".formatted(user, product);
        var byTheMonolith = send("POST", "/api/orders", order);
        assertThat(byTheMonolith.statusCode()).as(byTheMonolith.body()).isEqualTo(201);
        try {
            // Writes follow reads (the gateway refuses the other order).
            moveOrders("reads", "{\"mode\":\"SERVICE\"}");
            moveOrders("writes", "{\"mode\":\"SERVICE\"}");
            await("order-service places an order").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        var byTheService = send("POST", "/api/orders", order);
                        assertThat(byTheService.statusCode()).as(byTheService.body()).isEqualTo(201);
                        assertThat(byTheService.headers().firstValue("X-Served-By")).hasValue(LocalStack.ORDER_SERVICE);
                    });
        }
        finally {
            moveOrders("writes", "{\"mode\":\"MONOLITH\"}");
            moveOrders("reads", "{\"mode\":\"MONOLITH\"}");
        }
    }

    private static void moveOrders(String operation, String setting) {
        move("/admin/migration/orders/" + operation, setting);
    }

    private static void moveUserReads(String setting) {
        move("/admin/migration/users/reads", setting);
    }

    private static void move(String path, String setting) {
        String credentials = stack.admin().user() + ":" + stack.admin().password();
        var moved = send(HttpRequest.newBuilder(gateway(path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(setting)));
        assertThat(moved.statusCode()).as("%s %s: %s", path, setting, moved.body()).isEqualTo(200);
    }

    private static void awaitEveryTargetScrapedAfter(Instant after) {
        await("Prometheus has scraped every target since " + after).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    var targets = prometheus.targets();
                    assertThat(targets).as("scrape jobs").hasSize(stack.services().size() + 1);
                    targets.values().stream().flatMap(List::stream).forEach(target -> {
                        assertThat(target.health()).as("%s: %s", target.job(), target.lastError()).isEqualTo("up");
                        assertThat(target.lastScrape()).as("last scrape of %s", target.job()).isAfter(after);
                    });
                });
    }

    /**
     * A prometheus.yml like compose's, with the same job names (so that {@code job} labels match), pointed at the
     * stack's random ports and scraping every second.
     */
    private static String scrapeConfig(int prometheusPort) {
        Path composeConfig = repoRoot.resolve("prometheus/prometheus.yml");
        var jobs = new ArrayList<String>();
        try {
            var matcher = Pattern.compile("job_name:\\s*(\\S+)").matcher(Files.readString(composeConfig));
            while (matcher.find()) {
                jobs.add(matcher.group(1));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        var expected = new HashSet<>(stack.services().keySet());
        expected.add("prometheus");
        assertThat(jobs).as("jobs of %s: one per service of the stack, and Prometheus itself", composeConfig)
                .containsExactlyInAnyOrderElementsOf(expected);
        var config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                """);
        for (String job : jobs) {
            boolean self = job.equals("prometheus");
            config.append("  - job_name: ").append(job).append('\n')
                    .append("    metrics_path: ").append(self ? "/metrics" : "/actuator/prometheus").append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: [\"127.0.0.1:")
                    .append(self ? prometheusPort : stack.service(job).port()).append("\"]\n");
        }
        return config.toString();
    }

    private static URI gateway(String path) {
        return URI.create(stack.service(LocalStack.GATEWAY).baseUrl() + path);
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return send(HttpRequest.newBuilder(gateway(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new AssertionError("Request failed: " + ex, ex);
        }
    }
}
