package dev.strangler.messaging.inbound;

import dev.strangler.messaging.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncomingEventTests {

    record UserState(long id, String email, Instant updatedAt, long version) {
    }

    static final UUID ID = UUID.fromString("6f1c0c1e-8a4b-4c43-9d5e-0d2f3f7a1b2c");
    static final Instant TIME = Instant.parse("2026-11-24T10:15:30.123Z");

    static Headers headers() {
        return CloudEventHeaders.of(ID, "user.updated", "user-service", TIME, "42");
    }

    static ConsumerRecord<String, Object> record(Headers headers, Object value) {
        return new ConsumerRecord<>("user.updated", 1, 7, 0, TimestampType.CREATE_TIME, 0, 0, "42", value, headers,
                Optional.empty());
    }

    @Test
    void readsTheHeadersWrittenByTheOutboxAndTheBody() {
        var event = IncomingEvent.from(record(headers(), """
                {"id": 42, "email": "ada@example.com", "updatedAt": "2026-11-24T10:15:30Z", "version": 3}"""));

        assertThat(event.topic()).isEqualTo("user.updated");
        assertThat(event.key()).isEqualTo("42");
        assertThat(event.id()).isEqualTo(ID.toString());
        assertThat(event.type()).isEqualTo("user.updated");
        assertThat(event.source()).isEqualTo("user-service");
        assertThat(event.subject()).isEqualTo("42");
        assertThat(event.time()).isEqualTo(TIME);
        assertThat(event.isFrom("user-service")).isTrue();
        assertThat(event.isFrom("monolith")).isFalse();
        assertThat(event.data(UserState.class)).isEqualTo(new UserState(42, "ada@example.com",
                Instant.parse("2026-11-24T10:15:30Z"), 3));
    }

    @Test
    void ignoresUnknownFieldsExtraHeadersAndAnUnreadableTime() {
        Headers headers = headers();
        headers.remove(CloudEventHeaders.TIME);
        headers.add(CloudEventHeaders.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));

        var event = IncomingEvent.from(record(headers, """
                {"id": 42, "email": "a@example.com", "updatedAt": "2026-11-24T10:15:30Z", "version": 3,
                 "nickname": "added by a newer producer"}""".getBytes(StandardCharsets.UTF_8)));

        assertThat(event.time()).isNull();
        assertThat(event.data(UserState.class).version()).isEqualTo(3);
    }

    @Test
    void eachRequiredHeaderMissingIsPoison() {
        for (String header : new String[] {CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE}) {
            Headers headers = headers();
            headers.remove(header);

            assertThatThrownBy(() -> IncomingEvent.from(record(headers, "{}")))
                    .isInstanceOf(PoisonMessageException.class)
                    .extracting(ex -> ((PoisonMessageException) ex).reason())
                    .isEqualTo("missing " + header + " header");
        }
    }

    @Test
    void bodyThatIsNotAJsonObjectIsPoison() {
        assertThatThrownBy(() -> IncomingEvent.from(record(headers(), "not json {")))
                .isInstanceOf(PoisonMessageException.class).hasMessage("body is not JSON");
        assertThatThrownBy(() -> IncomingEvent.from(record(headers(), "[1, 2]")))
                .isInstanceOf(PoisonMessageException.class).hasMessage("body is not a JSON object");
        assertThatThrownBy(() -> IncomingEvent.from(record(new RecordHeaders(headers().toArray()), null)))
                .isInstanceOf(PoisonMessageException.class).hasMessage("no body");
    }

    @Test
    void bodyMissingAFieldOrWithAWrongTypeIsPoison() {
        var missingVersion = IncomingEvent.from(record(headers(), """
                {"id": 42, "email": "a@example.com", "updatedAt": "2026-11-24T10:15:30Z"}"""));
        var nullEmail = IncomingEvent.from(record(headers(), """
                {"id": 42, "email": null, "updatedAt": "2026-11-24T10:15:30Z", "version": 1}"""));
        var textVersion = IncomingEvent.from(record(headers(), """
                {"id": 42, "email": "a@example.com", "updatedAt": "2026-11-24T10:15:30Z", "version": "three"}"""));

        for (IncomingEvent event : new IncomingEvent[] {missingVersion, nullEmail, textVersion}) {
            assertThatThrownBy(() -> event.data(UserState.class))
                    .isInstanceOf(PoisonMessageException.class)
                    .hasMessageStartingWith("body of user.updated does not fit UserState");
        }
    }

    @Test
    void unknownTypeNamesTheTypeAndTopic() {
        var event = IncomingEvent.from(record(headers(), "{}"));

        assertThat(PoisonMessageException.unknownType(event).reason())
                .isEqualTo("unknown type user.updated on user.updated");
    }
}
