package dev.strangler.gateway.routing;

import dev.strangler.gateway.migration.MigrationStateStore;
import dev.strangler.gateway.shadow.ShadowTraffic;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Decides, once per request of a capability, where it goes, and for a SHADOW read starts the copy to the service.
 * It runs before the response writer, so that the monolith's body can be captured for the comparison.
 */
final class MigrationDecision implements GatewayFilter, Ordered {

    static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    private final Capability capability;
    private final MigrationStateStore state;
    private final ShadowTraffic shadow;

    MigrationDecision(Capability capability, MigrationStateStore state, ShadowTraffic shadow) {
        this.capability = capability;
        this.state = state;
        this.shadow = shadow;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var request = exchange.getRequest();
        RouteDecision decision = MigrationRouter.decide(state.current(), capability, request.getMethod(),
                request.getPath().value(), ClientKey.of(exchange));
        exchange.getAttributes().put(RoutingAttributes.DECISION, decision);
        if (!decision.shadow()) {
            return chain.filter(exchange);
        }
        ShadowTraffic.Mirror mirror = shadow.mirror(exchange, capability, capability.service());
        return chain.filter(mirror.exchange()).doFinally(mirror::primaryFinished);
    }
}
