package dev.strangler.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strangler.devstack.process.Ports;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on loopback standing in for a backend (the monolith or a service). By default it answers with a
 * small JSON body that names the request and the backend; tests can give it other answers, slow it down or make it
 * hang, and read what it received.
 */
public final class FakeBackend implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Responder responder;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean hanging;

    private FakeBackend(String name, HttpServer server) {
        this.name = name;
        this.server = server;
        this.responder = this::echo;
    }

    public static FakeBackend start() {
        return start("backend");
    }

    public static FakeBackend start(String name) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            var backend = new FakeBackend(name, server);
            server.createContext("/", backend::answer);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return backend;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The simple-discovery property that lists an instance of {@code service} for a gateway. */
    public static String discoveryProperty(String service) {
        return "spring.cloud.discovery.client.simple.instances." + service + "[0].uri";
    }

    /** Lists this backend in the gateway's discovery under its name (monolith, user-service, order-service). */
    public FakeBackend registerIn(DynamicPropertyRegistry registry) {
        registry.add(discoveryProperty(name), this::url);
        return this;
    }

    /** Lists {@code service} in the gateway's discovery at a loopback port where nothing listens: a service that is down. */
    public static void registerDown(String service, DynamicPropertyRegistry registry) {
        int port = Ports.free();
        registry.add(discoveryProperty(service), () -> "http://127.0.0.1:" + port);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests reached this backend for the path. */
    public long count(String path) {
        return received.stream().filter(request -> request.uri().equals(path)).count();
    }

    /** Forgets what it received and goes back to answering at once with its default body. */
    public FakeBackend reset() {
        received.clear();
        responder = this::echo;
        delay = Duration.ZERO;
        hanging = false;
        return this;
    }

    /** From now on, answers with what the responder says. */
    public FakeBackend answer(Responder responder) {
        this.responder = responder;
        return this;
    }

    /** From now on, answers every request after this long. */
    public FakeBackend delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** From now on, requests wait (up to a minute) instead of being answered. */
    public void hang() {
        hanging = true;
    }

    private Reply echo(String method, String path) {
        return Reply.json(method.equals("POST") ? 201 : 200, """
                {"method":"%s","path":"%s"}""".formatted(method, path));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((header, values) -> headers.put(header, String.join(",", values)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("X-Request-Id"), body,
                exchange.getRequestHeaders().getFirst("X-Strangler-Shadow") != null, headers));
        try {
            if (hanging) {
                released.await(60, TimeUnit.SECONDS);
            }
            else if (!delay.isZero()) {
                Thread.sleep(delay);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        Reply reply = responder.reply(exchange.getRequestMethod(), exchange.getRequestURI().toString());
        byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("X-Backend", name);
        reply.headers().forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
        if (exchange.getRequestMethod().equals("POST") && reply.status() == 201) {
            exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getPath() + "/1");
        }
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || answer.length == 0;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : answer.length);
        try (var out = exchange.getResponseBody()) {
            if (!noBody) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }

    /** Decides the answer to a request. */
    @FunctionalInterface
    public interface Responder {
        Reply reply(String method, String pathAndQuery);
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param contentType its content type
     * @param body its body
     * @param headers more headers
     */
    public record Reply(int status, String contentType, String body, Map<String, String> headers) {

        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, Map.of());
        }
    }

    /**
     * What the backend received.
     *
     * @param method the HTTP method
     * @param uri the path and query
     * @param requestId the correlation id header
     * @param body the request body
     * @param shadow whether it was a shadow copy
     * @param headers every request header (names case-insensitive, values joined by commas)
     */
    public record Received(String method, String uri, String requestId, String body, boolean shadow,
                           Map<String, String> headers) {
    }
}
