package dev.strangler.devstack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DataDirLockTests {

    @TempDir
    Path parent;

    @Test
    void secondStackOnTheSameDataDirectoryShouldBeRefusedUntilTheFirstStops() {
        Path dataDir = parent.resolve(".devstack");
        var first = DataDirLock.acquire(dataDir);

        assertThatIllegalStateException().isThrownBy(() -> DataDirLock.acquire(dataDir))
                .withMessageContaining("Another local stack is running");

        first.close();
        assertThatNoException().isThrownBy(() -> DataDirLock.acquire(dataDir).close());
    }

    @Test
    void differentDataDirectoriesShouldNotBlockEachOther() {
        try (var one = DataDirLock.acquire(parent.resolve("one")); var two = DataDirLock.acquire(parent.resolve("two"))) {
            assertThatNoException().isThrownBy(() -> { });
        }
    }
}
