package dev.strangler.gateway.shadow;

import dev.strangler.gateway.routing.Capability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of every shadow comparison, counted per capability, and the latest mismatches with both answers.
 */
final class ShadowReports {

    /** Longest body text kept in a mismatch, so that the log stays small whatever the answers. */
    private static final int KEPT_BODY_CHARS = 4_000;

    /** Every outcome a shadow copy can have. */
    enum Result {
        /** Both answered the same. */
        MATCH,
        /** They answered differently: the service is not ready for this request. */
        MISMATCH,
        /** The service did not answer (down, slow, refused). */
        ERROR,
        /** The in-flight limit was reached, so no copy was sent. */
        DROPPED,
        /** There was nothing to compare: the monolith failed, or its answer was too large or streamed. */
        SKIPPED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Capability, Map<Result, Counter>> counters = new EnumMap<>(Capability.class);
    private final Map<Capability, Deque<Mismatch>> mismatches = new EnumMap<>(Capability.class);
    private final Comparison comparison;
    private final int kept;

    ShadowReports(MeterRegistry meters, Comparison comparison, int kept) {
        this.comparison = comparison;
        this.kept = kept;
        for (Capability capability : Capability.routed()) {
            var byResult = new EnumMap<Result, Counter>(Result.class);
            for (Result result : Result.values()) {
                byResult.put(result, Counter.builder("strangler.shadow.comparisons")
                        .description("Shadow reads by outcome: match, mismatch, error, dropped, skipped")
                        .tag("capability", capability.label())
                        .tag("result", result.label())
                        .register(meters));
            }
            counters.put(capability, byResult);
            mismatches.put(capability, new ArrayDeque<>(kept));
        }
    }

    void count(Capability capability, Result result) {
        counters.get(capability).get(result).increment();
    }

    void mismatch(Capability capability, Mismatch mismatch) {
        count(capability, Result.MISMATCH);
        Deque<Mismatch> latest = mismatches.get(capability);
        synchronized (latest) {
            if (latest.size() == kept) {
                latest.removeLast();
            }
            latest.addFirst(mismatch);
        }
    }

    Report report(Capability capability) {
        var counts = new LinkedHashMap<String, Long>();
        counters.get(capability).forEach((result, counter) -> counts.put(result.label(), (long) counter.count()));
        Deque<Mismatch> latest = mismatches.get(capability);
        List<Mismatch> copy;
        synchronized (latest) {
            copy = List.copyOf(latest);
        }
        return new Report(capability.label(), counts, copy);
    }

    /** The side of a mismatch as the admin API shows it: parsed JSON when it is JSON, else (the start of) the text. */
    Side side(Answer answer) {
        Object body = comparison.tree(answer.body());
        if (body == null && answer.body() != null) {
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            body = text.length() > KEPT_BODY_CHARS ? text.substring(0, KEPT_BODY_CHARS) + "…" : text;
        }
        return new Side(answer.status(), body);
    }

    /**
     * The shadow comparisons of one capability.
     *
     * @param capability its label
     * @param comparisons how many copies ended in each result
     * @param mismatches the latest mismatches, newest first
     */
    record Report(String capability, Map<String, Long> comparisons, List<Mismatch> mismatches) {
    }

    /**
     * One request the two sides answered differently.
     *
     * @param at when
     * @param method the HTTP method
     * @param path the path and query
     * @param requestId the correlation id, to find both sides in the logs
     * @param monolith what the monolith answered (and the client got)
     * @param service what the service answered
     */
    record Mismatch(Instant at, String method, String path, String requestId, Side monolith, Side service) {
    }

    /**
     * One side's answer.
     *
     * @param status its HTTP status
     * @param body its body, as JSON when it is JSON
     */
    record Side(int status, Object body) {
    }
}
