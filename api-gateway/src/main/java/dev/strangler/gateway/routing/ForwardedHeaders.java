package dev.strangler.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Tells every backend how the client reached the gateway ({@code X-Forwarded-Host}, {@code -Port}, {@code -Proto},
 * {@code -For}), so that the links and {@code Location} headers it builds name the gateway, never the backend.
 *
 * <p>The gateway is the edge: whatever forwarding headers a client sends are dropped, not trusted or appended to.
 * Spring Cloud Gateway's own filter either strips them all or, with {@code trusted-proxies}, trusts what the client
 * sent; neither fits an edge, hence this filter, which runs after its removal filter.
 */
@Component
class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    static final String FOR = "X-Forwarded-For";
    static final String HOST = "X-Forwarded-Host";
    static final String PORT = "X-Forwarded-Port";
    static final String PROTO = "X-Forwarded-Proto";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        var headers = new HttpHeaders();
        input.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("x-forwarded-") && !lower.equals("forwarded")) {
                headers.addAll(name, values);
            }
        });
        var request = exchange.getRequest();
        URI uri = request.getURI();
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
        headers.set(PROTO, scheme);
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host != null) {
            headers.set(HOST, host);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        headers.set(PORT, Integer.toString(port));
        InetSocketAddress client = request.getRemoteAddress();
        if (client != null && client.getAddress() != null) {
            headers.set(FOR, client.getAddress().getHostAddress());
        }
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
