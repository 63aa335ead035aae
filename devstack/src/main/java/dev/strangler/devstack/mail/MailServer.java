package dev.strangler.devstack.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strangler.devstack.process.Ports;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A real SMTP server (GreenMail) that accepts mail for anyone, with a small HTTP inbox so that people and other
 * processes can read what was sent: {@code GET /api/messages} (JSON), {@code DELETE /api/messages}, {@code GET /}.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final HttpServer http;

    private MailServer(GreenMail greenMail, HttpServer http) {
        this.greenMail = greenMail;
        this.http = http;
    }

    /** Starts SMTP and the HTTP inbox; a port of 0 picks a free one. */
    public static MailServer start(int smtpPort, int httpPort) {
        var greenMail = new GreenMail(new ServerSetup(smtpPort > 0 ? smtpPort : Ports.free(), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            var http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 16);
            var server = new MailServer(greenMail, http);
            http.createContext("/api/messages", server::api);
            http.createContext("/", server::page);
            http.setExecutor(Executors.newFixedThreadPool(2));
            http.start();
            return server;
        }
        catch (IOException ex) {
            greenMail.stop();
            throw new UncheckedIOException("The mail inbox could not listen on port " + httpPort, ex);
        }
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Every message received so far, oldest first. */
    public List<ReceivedMail> receivedMessages() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(MailServer::toMail).toList();
    }

    public void clear() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not clear the inbox", ex);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        greenMail.stop();
    }

    private void api(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> respond(exchange, 200, "application/json",
                    receivedMessages().stream().map(ReceivedMail::toJson).collect(Collectors.joining(",", "[", "]")));
            case "DELETE" -> {
                clear();
                respond(exchange, 204, "application/json", "");
            }
            default -> respond(exchange, 405, "application/problem+json",
                    "{\"title\":\"Method not allowed\",\"status\":405}");
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            respond(exchange, 404, "text/plain; charset=utf-8", "Not found");
            return;
        }
        List<ReceivedMail> mails = receivedMessages().reversed();
        var html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Inbox · Strangler Shop devstack</title>
                <meta http-equiv="refresh" content="5">
                <style>body{font:15px/1.5 sans-serif;max-width:900px;margin:24px auto;color:#1f2933}
                article{border:1px solid #e4e7eb;border-radius:10px;padding:12px 16px;margin:12px 0}
                .meta{color:#616e7c;font-size:13px}pre{white-space:pre-wrap;font:inherit}</style></head><body>
                """);
        html.append("<h1>Inbox</h1><p class=\"meta\">").append(mails.size())
                .append(" e-mail(s) received by the local SMTP server, newest first. JSON: <a href=\"/api/messages\">/api/messages</a></p>");
        for (ReceivedMail mail : mails) {
            html.append("<article><h3>").append(escapeHtml(mail.subject())).append("</h3><p class=\"meta\">")
                    .append(escapeHtml(mail.from())).append(" → ").append(escapeHtml(String.join(", ", mail.to())))
                    .append(" · ").append(mail.receivedAt()).append("</p><pre>").append(escapeHtml(mail.body()))
                    .append("</pre></article>");
        }
        html.append("</body></html>");
        respond(exchange, 200, "text/html; charset=utf-8", html.toString());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            if (status != 204) {
                out.write(bytes);
            }
        }
    }

    private static ReceivedMail toMail(MimeMessage message) {
        try {
            Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                    : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.EPOCH;
            return new ReceivedMail(
                    addresses(message.getFrom()).stream().findFirst().orElse(""),
                    addresses(message.getAllRecipients()),
                    message.getSubject() == null ? "" : message.getSubject(),
                    GreenMailUtil.getBody(message).replace("\r\n", "\n"),
                    received);
        }
        catch (MessagingException ex) {
            throw new IllegalStateException("Unreadable message", ex);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * One received e-mail.
     */
    public record ReceivedMail(String from, List<String> to, String subject, String body, Instant receivedAt) {

        String toJson() {
            return "{\"from\":" + json(from) + ",\"to\":" + to.stream().map(ReceivedMail::json)
                    .collect(Collectors.joining(",", "[", "]")) + ",\"subject\":" + json(subject) + ",\"body\":"
                    + json(body) + ",\"receivedAt\":" + json(receivedAt.toString()) + "}";
        }

        private static String json(String value) {
            var out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                        else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
