package dev.strangler.gateway.shadow;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Set;

/**
 * Shadow traffic on a connection pool of its own, sized to the in-flight limit, so that copies never take a
 * connection a client's request needs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShadowProperties.class)
class ShadowConfiguration {

    @Bean
    Comparison shadowComparison(JsonMapper json, ShadowProperties properties) {
        return new Comparison(json, Set.copyOf(properties.ignoredFields()));
    }

    @Bean
    ShadowReports shadowReports(MeterRegistry meters, Comparison comparison, ShadowProperties properties) {
        return new ShadowReports(meters, comparison, properties.mismatchesKept());
    }

    @Bean
    ShadowTraffic shadowTraffic(ShadowProperties properties, ShadowReports reports, Comparison comparison,
                                ReactorLoadBalancerExchangeFilterFunction loadBalancer, HttpClientProperties gateway) {
        var pool = ConnectionProvider.builder("shadow")
                .maxConnections(properties.maxInFlight())
                .pendingAcquireMaxCount(properties.maxInFlight())
                .pendingAcquireTimeout(properties.timeout())
                .maxIdleTime(gateway.getPool().getMaxIdleTime() != null ? gateway.getPool().getMaxIdleTime()
                        : Duration.ofSeconds(15))
                .build();
        var http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(properties.timeout().toMillis(), 1000))
                .responseTimeout(properties.timeout());
        var client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) properties.maxBodySize().toBytes()))
                .filter(loadBalancer)
                .build();
        // The monolith may take up to the gateway's response timeout before the comparison can start.
        Duration primaryWait = gateway.getResponseTimeout() != null ? gateway.getResponseTimeout()
                : Duration.ofSeconds(30);
        return new ShadowTraffic(client, reports, comparison, properties, primaryWait);
    }
}
