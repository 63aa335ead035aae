package dev.strangler.orders.web;

import dev.strangler.orders.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server limits every service here sets on purpose, read back from the running server rather than the file.
 */
@OrderServiceIntegrationTest
class ServerSettingsIntegrationTests {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    ServerProperties server;

    @LocalServerPort
    int port;

    @Test
    void idleConnectionsShouldOutliveTheGatewaysPoolIdleTime() {
        var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();

        // The gateway drops idle connections after 15 s: closing them later means it never reuses a closing one.
        assertThat(tomcat.getConnector().getProperty("keepAliveTimeout")).isEqualTo(30_000);
    }

    @Test
    void shutdownShouldLetRequestsInFlightFinish() {
        assertThat(server.getShutdown()).isEqualTo(Shutdown.GRACEFUL);
        assertThat(server.getForwardHeadersStrategy()).isEqualTo(ServerProperties.ForwardHeadersStrategy.NATIVE);
    }

    @Test
    void errorPageShouldNeverShowAStackTraceOrAMessage() throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            HttpResponse<String> error = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/error?trace=true&message=true")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(error.body()).doesNotContain("\"trace\"", "\"message\"", "Exception");
        }
    }
}
