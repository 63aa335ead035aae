package dev.strangler.gateway.routing;

import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/**
 * Who a client is, for rate limits and for a canary when the path names no user: its API key when it sends one,
 * else its IP address.
 */
public final class ClientKey {

    /** The header an API client identifies itself with. */
    public static final String API_KEY_HEADER = "X-Api-Key";

    private static final int LONGEST_KEY = 128;

    private ClientKey() {
    }

    public static String of(ServerWebExchange exchange) {
        String apiKey = exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            String key = apiKey.strip();
            return "key:" + (key.length() > LONGEST_KEY ? key.substring(0, LONGEST_KEY) : key);
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "ip:unknown";
        }
        return "ip:" + (remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString());
    }
}
