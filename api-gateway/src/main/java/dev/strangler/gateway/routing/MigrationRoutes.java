package dev.strangler.gateway.routing;

import dev.strangler.gateway.migration.MigrationStateStore;
import dev.strangler.gateway.shadow.ShadowTraffic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The facade's routes: one per routed capability, routed by the migration state, and everything else to the
 * monolith. Routes defined in configuration (for example a benchmark's plain route) come before the catch-all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
class MigrationRoutes {

    private static final String MONOLITH_URI = "lb://" + RouteDecision.MONOLITH;

    @Bean
    RouteLocator facadeRoutes(RouteLocatorBuilder routes, MigrationStateStore state, ShadowTraffic shadow,
                                 Backends backends, RoutingProperties properties) {
        var forwarding = new BackendForwarding(backends, properties.serviceReadTimeout());
        RouteLocatorBuilder.Builder builder = routes.routes();
        for (Capability capability : Capability.routed()) {
            var decision = new MigrationDecision(capability, state, shadow);
            builder.route(capability.label(), route -> route.order(-1)
                    .predicate(exchange -> Capability.of(exchange.getRequest().getPath().value()) == capability)
                    .filters(filters -> filters.filters(decision, forwarding))
                    .uri(MONOLITH_URI));
        }
        return builder
                .route(RouteDecision.MONOLITH, route -> route.order(Ordered.LOWEST_PRECEDENCE).path("/**")
                        .uri(MONOLITH_URI))
                .build();
    }
}
