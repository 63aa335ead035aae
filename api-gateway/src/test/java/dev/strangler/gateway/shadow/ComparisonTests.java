package dev.strangler.gateway.shadow;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTests {

    final Comparison comparison = new Comparison(JsonMapper.builder().build(), Set.of("createdAt", "updatedAt"));

    @Test
    void sameJsonInAnotherFieldOrderShouldMatch() {
        assertThat(same(200, "{\"id\":1,\"name\":\"Ada\"}", 200, "{\"name\":\"Ada\",\"id\":1}")).isTrue();
    }

    @Test
    void ignoredFieldsShouldBeRemovedAtAnyDepth() {
        assertThat(same(200, """
                {"content":[{"id":1,"createdAt":"2026-01-01T00:00:00.123456Z","updatedAt":"x"}],"page":0}""",
                200, """
                {"content":[{"id":1,"createdAt":"2026-01-01T00:00:00.123Z"}],"page":0}""")).isTrue();
    }

    @Test
    void anyOtherDifferenceShouldBeAMismatch() {
        assertThat(same(200, "{\"id\":1,\"name\":\"Ada\"}", 200, "{\"id\":1,\"name\":\"Ada L.\"}")).isFalse();
        assertThat(same(200, "{\"id\":1}", 404, "{\"id\":1}")).as("status").isFalse();
        assertThat(same(200, "[1,2]", 200, "[2,1]")).as("array order").isFalse();
        assertThat(same(200, "{\"id\":1}", 200, "{\"id\":1,\"extra\":true}")).as("extra field").isFalse();
        assertThat(same(200, "{\"id\":1}", 200, "{\"id\":\"1\"}")).as("type").isFalse();
    }

    @Test
    void bodiesThatAreNotJsonShouldBeComparedByteForByte() {
        assertThat(same(200, "<html>a</html>", 200, "<html>a</html>")).isTrue();
        assertThat(same(200, "<html>a</html>", 200, "<html>b</html>")).isFalse();
        assertThat(same(204, "", 204, "")).isTrue();
    }

    private boolean same(int status1, String body1, int status2, String body2) {
        return comparison.same(Answer.of(status1, body1.getBytes(StandardCharsets.UTF_8)),
                Answer.of(status2, body2.getBytes(StandardCharsets.UTF_8)));
    }
}
