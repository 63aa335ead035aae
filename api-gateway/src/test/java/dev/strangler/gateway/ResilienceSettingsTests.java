package dev.strangler.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's limits are set explicitly, not left to library defaults, and they fit the backends they talk to.
 */
@SpringBootTest(properties = {"strangler.admin.password=settings-test", "spring.kafka.bootstrap-servers=127.0.0.1:9"})
class ResilienceSettingsTests {

    @Autowired
    HttpClientProperties httpClient;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void poolShouldBeFixedWithAnAcquireTimeoutAndIdleTimeBelowTheMonolithsKeepAlive() throws IOException {
        var pool = httpClient.getPool();

        assertThat(pool.getType()).isEqualTo(HttpClientProperties.Pool.PoolType.FIXED);
        assertThat(pool.getMaxConnections()).isEqualTo(200);
        assertThat(pool.getAcquireTimeout()).isEqualTo(2000L);
        assertThat(pool.getMaxIdleTime()).isPositive().isLessThan(monolithKeepAlive());
    }

    @Test
    void connectAndResponseTimeoutsShouldBeSet() {
        assertThat(httpClient.getConnectTimeout()).isEqualTo(1000);
        assertThat(httpClient.getResponseTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"monolith", "user-service", "order-service"})
    void everyBackendShouldHaveABreakerThatOpensInALowTrafficDemo(String backend) {
        CircuitBreakerConfig config = breakers.circuitBreaker(backend).getCircuitBreakerConfig();

        assertThat(config.getSlidingWindowType()).isEqualTo(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED);
        assertThat(config.getSlidingWindowSize()).isEqualTo(10);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5).isLessThan(100);
        assertThat(config.getFailureRateThreshold()).isEqualTo(50f);
        assertThat(config.getMaxWaitDurationInHalfOpenState()).isZero();
        assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
        assertThat(config.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
    }

    /** The keep-alive the monolith's Tomcat is configured with, read from its own configuration. */
    private static Duration monolithKeepAlive() throws IOException {
        try (InputStream yaml = Files.newInputStream(Path.of("../monolith/src/main/resources/application.yml"))) {
            Map<String, Object> config = new Yaml().load(yaml);
            @SuppressWarnings("unchecked")
            var tomcat = (Map<String, Object>) ((Map<String, Object>) config.get("server")).get("tomcat");
            return Duration.ofSeconds(Long.parseLong(tomcat.get("keep-alive-timeout").toString().replace("s", "")));
        }
    }
}
