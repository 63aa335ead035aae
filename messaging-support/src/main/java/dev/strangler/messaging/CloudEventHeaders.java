package dev.strangler.messaging;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents 1.0 Kafka binary-mode headers of ADR 0012, written by the outbox relay and read by the tolerant
 * reader, so that both sides spell them the same way.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    static final String SPEC_VERSION_1_0 = "1.0";
    static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The headers of one event whose body is JSON. */
    public static Headers of(UUID id, String type, String source, Instant time, String subject) {
        var headers = new RecordHeaders();
        add(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        add(headers, ID, id.toString());
        add(headers, TYPE, type);
        add(headers, SOURCE, source);
        // Instant.toString() is ISO 8601 in UTC with a 'Z', which is RFC 3339.
        add(headers, TIME, time.toString());
        add(headers, SUBJECT, subject);
        add(headers, CONTENT_TYPE, JSON);
        return headers;
    }

    /** The last value of a header as text, or null when the record does not carry it. */
    public static @Nullable String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
