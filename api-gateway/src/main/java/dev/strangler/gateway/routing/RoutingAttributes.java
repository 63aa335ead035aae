package dev.strangler.gateway.routing;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the routing leaves on the exchange for the access log, the metrics and {@code X-Served-By}.
 */
public final class RoutingAttributes {

    /** The backend that answered (or was last asked). */
    public static final String SERVED_BY = RoutingAttributes.class.getName() + ".servedBy";
    /** Why a service read was answered by the monolith instead. */
    public static final String FALLBACK = RoutingAttributes.class.getName() + ".fallback";
    static final String DECISION = RoutingAttributes.class.getName() + ".decision";

    /** The name the gateway answers with when no backend did, for example for a problem it made itself. */
    public static final String GATEWAY = "api-gateway";

    private RoutingAttributes() {
    }

    /** Who answered: the backend the routing chose, else the host of the route's {@code lb://} target. */
    public static String servedBy(ServerWebExchange exchange) {
        String servedBy = exchange.getAttribute(SERVED_BY);
        if (servedBy != null) {
            return servedBy;
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null || route.getUri().getHost() == null ? GATEWAY : route.getUri().getHost();
    }
}
