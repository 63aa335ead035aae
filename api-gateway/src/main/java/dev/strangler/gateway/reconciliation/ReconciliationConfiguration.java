package dev.strangler.gateway.reconciliation;

import dev.strangler.gateway.migration.MigrationStateStore;
import dev.strangler.gateway.security.AdminProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Clock;

/**
 * Reconciliation asks both sides through discovery, with the shared admin account.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationConfiguration {

    @Bean
    Reconciler reconciler(ReactorLoadBalancerExchangeFilterFunction loadBalancer, AdminProperties admin,
                          ReconciliationProperties properties, MigrationStateStore state,
                          ReactiveDiscoveryClient discovery, MeterRegistry meters) {
        var data = new CapabilityData(WebClient.builder().filter(loadBalancer), admin, properties.timeout());
        return new Reconciler(data, state, discovery, properties, Clock.systemUTC(), meters);
    }
}
