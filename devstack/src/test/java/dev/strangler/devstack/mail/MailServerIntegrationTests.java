package dev.strangler.devstack.mail;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MailServerIntegrationTests {

    MailServer mail;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        mail = MailServer.start(0, 0);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void mailSentOverSmtpShouldBeReadableThroughTheHttpInbox() throws Exception {
        send("shop@example.com", "ada@example.com", "Welcome \"Ada\"", "Hello Ada,\nwelcome!");

        var json = get("/api/messages");

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json.body())
                .contains("\"from\":\"shop@example.com\"")
                .contains("\"to\":[\"ada@example.com\"]")
                .contains("\"subject\":\"Welcome \\\"Ada\\\"\"")
                .contains("\"body\":\"Hello Ada,\\nwelcome!\"");
        assertThat(get("/").body()).contains("1 e-mail(s)", "Welcome &quot;Ada&quot;");
        assertThat(mail.receivedMessages()).singleElement().satisfies(received -> {
            assertThat(received.subject()).isEqualTo("Welcome \"Ada\"");
            assertThat(received.body()).isEqualTo("Hello Ada,\nwelcome!");
        });
    }

    @Test
    void deleteShouldEmptyTheInbox() throws Exception {
        send("shop@example.com", "bob@example.com", "Hi", "Hi Bob");

        var deleted = http.send(HttpRequest.newBuilder(URI.create(mail.httpUrl() + "/api/messages")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/api/messages").body()).isEqualTo("[]");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(mail.httpUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void send(String from, String to, String subject, String body) throws Exception {
        var properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        var message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(body);
        Transport.send(message);
    }
}
