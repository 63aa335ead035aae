package dev.strangler.systemtests;

import dev.strangler.devstack.process.ManagedProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (the Debian binary) as a child process on a free loopback port, so that tests can check
 * PromQL against what it really scrapes instead of against a fake.
 */
final class PrometheusServer implements AutoCloseable {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final String baseUrl;

    private PrometheusServer(ManagedProcess process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts {@code binary} on 127.0.0.1:{@code port} with {@code config} (a prometheus.yml), keeping its data and
     * log in {@code dir}, and returns once it is ready to answer queries.
     */
    static PrometheusServer start(Path binary, Path dir, int port, String config) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("prometheus.yml"), config);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        var process = new ManagedProcess("prometheus", List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port),
                Map.of(), dir.resolve("prometheus.log"), dir.resolve("prometheus.pid")).start();
        var server = new PrometheusServer(process, "http://127.0.0.1:" + port);
        try {
            await("Prometheus ready at " + server.baseUrl).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(process.isAlive()).as("prometheus alive; its log:\n%s", process.tail(20)).isTrue();
                        assertThat(server.get("/-/ready").statusCode()).isEqualTo(200);
                    });
            return server;
        }
        catch (RuntimeException | AssertionError failure) {
            server.close();
            throw failure;
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    /** The version it reports, for the test log. */
    String version() {
        return api("/api/v1/status/buildinfo").path("version").asString();
    }

    /** An instant query at the current time: the {@code data} of a successful answer, else the error it gave. */
    QueryResult query(String promql) {
        var response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = json.readTree(response.body());
        if (!"success".equals(body.path("status").asString())) {
            return new QueryResult(null, body.path("errorType").asString() + ": " + body.path("error").asString());
        }
        return new QueryResult(body.path("data"), null);
    }

    /** The outcome of a query: {@code data} when Prometheus accepted it, {@code error} when it refused it. */
    record QueryResult(JsonNode data, String error) {

        int seriesCount() {
            return data == null ? 0 : data.path("result").size();
        }
    }

    /** Every metric name Prometheus holds. */
    List<String> metricNames() {
        return api("/api/v1/label/__name__/values").valueStream().map(JsonNode::asString).toList();
    }

    /** The values a label takes on the series of a metric, as Grafana's {@code label_values(metric, label)} lists them. */
    List<String> labelValues(String metric, String label) {
        return api("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(metric, StandardCharsets.UTF_8))
                .valueStream().map(JsonNode::asString).toList();
    }

    /** Each scrape job's targets: health and the time of the last scrape. */
    Map<String, List<Target>> targets() {
        return api("/api/v1/targets?state=active").path("activeTargets").valueStream()
                .map(target -> new Target(target.path("labels").path("job").asString(),
                        target.path("health").asString(), Instant.parse(target.path("lastScrape").asString()),
                        target.path("lastError").asString()))
                .collect(Collectors.groupingBy(Target::job));
    }

    /** One scrape target as Prometheus reports it. */
    record Target(String job, String health, Instant lastScrape, String lastError) {
    }

    private JsonNode api(String path) {
        var response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("data");
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("GET " + baseUrl + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Stops the process this server started (SIGTERM, then SIGKILL after the grace period). */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
