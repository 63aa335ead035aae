package dev.strangler.gateway.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Registered for every test class (see
 * {@code META-INF/services}); the build runs the suite with {@code -Dio.netty.leakDetection.level=paranoid}, so every
 * buffer is tracked, and this extension refuses to run under a weaker level. Netty reports a leak only when a leaked
 * buffer has been collected and another buffer is allocated, so after each class it collects garbage and allocates.
 */
public final class LeakReports implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> reports = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("Gateway tests must run with -Dio.netty.leakDetection.level=paranoid, not "
                    + ResourceLeakDetector.getLevel() + " (see api-gateway/pom.xml)");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        flush();
        if (!reports.isEmpty()) {
            String found = String.join("\n\n", reports);
            reports.clear();
            throw new AssertionError("Netty reported leaked buffers during " + context.getDisplayName() + ":\n"
                    + found);
        }
    }

    /** Collects garbage and allocates, so that Netty reports every buffer leaked so far. */
    public static void flush() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            for (int i = 0; i < 20; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(64);
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(64);
                pooled.release();
                unpooled.release();
            }
        }
    }

    /** What was reported and not yet failed on; for the test of this extension itself. */
    public static List<String> reported() {
        return List.copyOf(reports);
    }

    public static void clear() {
        reports.clear();
    }

    /** The Logback appender on Netty's leak detector logger (see {@code logback-test.xml}). */
    public static final class Appender extends AppenderBase<ILoggingEvent> {

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("LEAK:")) {
                reports.add(event.getFormattedMessage());
            }
        }
    }
}
