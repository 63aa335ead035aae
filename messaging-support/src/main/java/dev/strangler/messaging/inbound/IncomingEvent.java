package dev.strangler.messaging.inbound;

import dev.strangler.messaging.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An event as a tolerant reader sees it: the CloudEvents headers it needs and a JSON body, with unknown fields and
 * extra headers ignored. Anything it cannot read is a {@link PoisonMessageException}, which goes to the dead-letter
 * topic at once.
 *
 * @param topic the topic it came from
 * @param key the record key, if any
 * @param id {@code ce_id}
 * @param type {@code ce_type}
 * @param source {@code ce_source}: who published it, to ignore one's own events
 * @param subject {@code ce_subject}, if any
 * @param time {@code ce_time}, if present and readable
 * @param data the JSON body, always an object
 */
public record IncomingEvent(String topic, @Nullable String key, String id, String type, String source,
                            @Nullable String subject, @Nullable Instant time, JsonNode data) {

    /**
     * Reads bodies into a service's own records: unknown fields are ignored (the producer may add some), a missing or
     * null field is an error (the producer broke the contract).
     */
    private static final JsonMapper TOLERANT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Reads a record whose value is JSON text or bytes. */
    public static IncomingEvent from(ConsumerRecord<?, ?> record) {
        var headers = record.headers();
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String source = required(record, CloudEventHeaders.SOURCE);
        JsonNode body = body(record);
        return new IncomingEvent(record.topic(), record.key() == null ? null : record.key().toString(), id, type,
                source, CloudEventHeaders.text(headers, CloudEventHeaders.SUBJECT),
                time(CloudEventHeaders.text(headers, CloudEventHeaders.TIME)), body);
    }

    /** Whether this service published it itself (and so must not apply it again). */
    public boolean isFrom(String publisher) {
        return source.equals(publisher);
    }

    /** The body as one of the consuming service's own records. */
    public <T> T data(Class<T> type) {
        try {
            return TOLERANT.treeToValue(data, type);
        }
        catch (JacksonException ex) {
            throw new PoisonMessageException("body of " + this.type + " does not fit " + type.getSimpleName() + ": "
                    + ex.getOriginalMessage(), ex);
        }
    }

    private static String required(ConsumerRecord<?, ?> record, String header) {
        String value = CloudEventHeaders.text(record.headers(), header);
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("missing " + header + " header");
        }
        return value;
    }

    private static JsonNode body(ConsumerRecord<?, ?> record) {
        String text = switch (record.value()) {
            case null -> throw new PoisonMessageException("no body");
            case String string -> string;
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            default -> throw new PoisonMessageException("body of type " + record.value().getClass().getName()
                    + " is not JSON text");
        };
        JsonNode body;
        try {
            body = TOLERANT.readTree(text);
        }
        catch (JacksonException ex) {
            throw new PoisonMessageException("body is not JSON", ex);
        }
        if (body == null || !body.isObject()) {
            throw new PoisonMessageException("body is not a JSON object");
        }
        return body;
    }

    /** {@code ce_time} is optional in CloudEvents; an unreadable one is ignored rather than fatal. */
    private static @Nullable Instant time(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
