package dev.strangler.gateway.routing;

import dev.strangler.gateway.errors.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Keeps clients away from the backends' internal APIs: {@code /internal/**} (the monolith's stock reservations, ADR
 * 0031) is for services calling each other, never for a client, so the gateway answers 404 as for a path that does not
 * exist and forwards nothing. The path is judged as a backend would resolve it - decoded once, path parameters and
 * dot segments removed, empty segments merged, any case - so that {@code /api/../internal/x},
 * {@code //internal/x}, {@code /internal;p/x} or {@code /%69nternal/x} cannot slip through.
 */
@Component
class InternalPaths implements WebFilter, Ordered {

    static final String PREFIX = "internal";

    private final ProblemWriter problems;
    private final Counter refused;

    InternalPaths(ProblemWriter problems, MeterRegistry meters) {
        this.problems = problems;
        this.refused = Counter.builder("strangler.internal.refused")
                .description("Client requests for a backend's internal API, answered 404 by the gateway")
                .register(meters);
    }

    /** After request tracking and the rate limit, so a refused request still gets its id, log line and limit. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isInternal(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        refused.increment();
        return problems.write(exchange, HttpStatus.NOT_FOUND, "not-found", "Not found", "Nothing here");
    }

    /** Whether the raw request path, resolved as a backend would resolve it, starts with the internal segment. */
    static boolean isInternal(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : rawPath.split("/")) {
            String segment = raw;
            int parameters = segment.indexOf(';');
            if (parameters >= 0) {
                segment = segment.substring(0, parameters);
            }
            segment = decode(segment);
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(segment);
        }
        String first = segments.peekFirst();
        // A decoded segment that still holds a slash was an encoded one: judge what it would become if a backend
        // decoded it as a separator.
        if (first != null && first.contains("/")) {
            return isInternal(String.join("/", segments));
        }
        return first != null && first.toLowerCase(Locale.ROOT).equals(PREFIX);
    }

    private static String decode(String segment) {
        try {
            return UriUtils.decode(segment, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
