package dev.strangler.orders.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny real HTTP server on the loopback interface standing in for the monolith's stock API, for what contract stubs
 * cannot describe: 5xx answers, answers slower than the client's timeout, and answers decided by the test as it goes
 * (the contract stubs prove the shapes: placing.StockStubsIntegrationTests). It records every request it gets.
 */
public final class MonolithStandIn implements AutoCloseable {

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Answer> answers = request -> Answer.status(404);

    private MonolithStandIn(HttpServer server) {
        this.server = server;
    }

    public static MonolithStandIn start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var standIn = new MonolithStandIn(server);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return standIn;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, every request is answered by this function. */
    public void answer(Function<Request, Answer> answers) {
        this.answers = answers;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void forget() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Answer answer = answers.apply(request);
            if (!answer.delay().isZero()) {
                try {
                    // A slow monolith: the point of the stand-in, not a test waiting for an outcome.
                    Thread.sleep(answer.delay());
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (!answer.body().isEmpty()) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
        catch (IOException ex) {
            // The client gave up (its read timeout): nothing to answer to.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One request as the stand-in got it. */
    public record Request(String method, String path, String body) {

        public long reservationId() {
            return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        }
    }

    /** What to answer, after how long. */
    public record Answer(int status, String contentType, String body, Duration delay) {

        public static Answer status(int status) {
            return new Answer(status, "text/plain", "", Duration.ZERO);
        }

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Duration.ZERO);
        }

        public static Answer problem(int status, String title, String detail) {
            String type = "https://strangler.dev/problems/" + title.toLowerCase().replace(' ', '-');
            return new Answer(status, "application/problem+json", """
                    {"type":"%s","title":"%s","status":%d,"detail":"%s"}""".formatted(type, title, status, detail),
                    Duration.ZERO);
        }

        public Answer after(Duration delay) {
            return new Answer(status, contentType, body, delay);
        }
    }
}
