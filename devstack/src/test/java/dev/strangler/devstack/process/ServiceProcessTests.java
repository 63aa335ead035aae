package dev.strangler.devstack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ServiceProcessTests {

    @TempDir
    Path dir;

    @Test
    void missingJarShouldFailWithHowToBuildIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ServiceProcess.start("ghost", dir.resolve("ghost.jar"), Ports.free(), List.of(),
                        dir, dir))
                .withMessageContaining("No jar for ghost")
                .withMessageContaining("./mvnw -DskipTests package");
    }

    @Test
    void serviceThatDiesAtStartShouldFailFastWithTheEndOfItsLog() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a jar");
        var service = ServiceProcess.start("broken", broken, Ports.free(), List.of(), dir.resolve("logs"),
                dir.resolve("pids"));
        Instant start = Instant.now();

        assertThatIllegalStateException()
                .isThrownBy(() -> service.waitUntilHealthy(Duration.ofSeconds(60)))
                .withMessageContaining("broken exited during start-up")
                .withMessageContaining("broken.jar");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(dir.resolve("pids/broken.pid")).exists();
    }

    @Test
    void staleChildrenOfAKilledRunShouldBeKilledOnTheNextStart() throws Exception {
        Path pids = dir.resolve("pids");
        Path forever = Files.writeString(dir.resolve("Forever.java"), """
                class Forever { public static void main(String[] args) throws Exception {
                    new java.util.concurrent.CountDownLatch(1).await(); } }""");
        var orphan = new ManagedProcess("orphan", List.of(ManagedProcess.javaExecutable(), forever.toString()),
                java.util.Map.of(), dir.resolve("orphan.log"), pids.resolve("orphan.pid")).start();
        long pid = orphan.pid();

        List<String> killed = ManagedProcess.killStale(pids);

        assertThat(killed).singleElement().asString().contains("orphan.pid");
        org.awaitility.Awaitility.await().until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertThat(pids.resolve("orphan.pid")).doesNotExist();
    }

    @Test
    void extraArgumentsShouldApplyToOneRunOnly() throws Exception {
        Path echo = Files.writeString(dir.resolve("Echo.java"), """
                class Echo { public static void main(String[] args) { System.out.println("args=" + String.join(",", args)); } }""");
        var process = new ManagedProcess("echo", List.of(ManagedProcess.javaExecutable(), echo.toString(), "plain"),
                java.util.Map.of(), dir.resolve("echo.log"), dir.resolve("pids/echo.pid"));

        process.start(List.of("--held"));
        org.awaitility.Awaitility.await().until(() -> !process.isAlive());
        process.start();
        org.awaitility.Awaitility.await().until(() -> !process.isAlive());

        assertThat(Files.readAllLines(dir.resolve("echo.log"))).filteredOn(line -> line.startsWith("args="))
                .hasSize(2)
                .satisfiesExactly(held -> assertThat(held).endsWith(",--held"),
                        plain -> assertThat(plain).doesNotContain("--held"));
    }
}
