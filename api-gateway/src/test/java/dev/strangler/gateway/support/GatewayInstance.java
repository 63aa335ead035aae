package dev.strangler.gateway.support;

import dev.strangler.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole gateway started by the test itself, for tests that need several at once or restart one.
 */
public final class GatewayInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final WebTestClient client;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    /**
     * Starts a gateway on a free loopback port with these properties on top of the test account and no rate limit.
     * They are passed as command-line arguments, which outrank {@code application.yml}.
     */
    public static GatewayInstance start(Map<String, String> properties) {
        var arguments = new ArrayList<String>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--strangler.admin.user=" + GatewayTestProperties.ADMIN_USER,
                "--strangler.admin.password=" + GatewayTestProperties.ADMIN_PASSWORD,
                "--strangler.rate-limit.enabled=false",
                "--spring.jmx.enabled=false"));
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new GatewayInstance(new SpringApplicationBuilder(GatewayApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    public WebTestClient client() {
        return client;
    }

    public Admin admin() {
        return new Admin(client);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
