package dev.strangler.gateway.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leak guard itself: a buffer that is never released must be reported, or the guard proves nothing.
 */
class LeakReportsTests {

    @AfterEach
    void forgetTheDeliberateLeak() {
        LeakReports.clear();
    }

    @Test
    void bufferThatIsNeverReleasedShouldBeReported() {
        leakOneBuffer();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            LeakReports.flush();
            assertThat(LeakReports.reported()).anySatisfy(report -> assertThat(report).contains("LEAK:"));
        });
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(128);
        leaked.writeBytes(new byte[128]);
    }
}
