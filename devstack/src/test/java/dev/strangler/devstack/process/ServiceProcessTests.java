package dev.strangler.devstack.process;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;

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

    /**
     * A free port picked for a service can be taken by another program before the service binds it: that program's
     * health must not pass for the service's.
     */
    @Test
    void anotherServerAnsweringUpOnThePortShouldNotPassForTheService() throws Exception {
        int port = Ports.free();
        var impostor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        // Another Spring Boot service, say: UP on /actuator/health, 404 for a health group it does not have.
        impostor.createContext("/actuator/health", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals("/actuator/health");
            byte[] body = (known ? "{\"status\":\"UP\"}" : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        impostor.start();
        var service = ServiceProcess.start("slow", foreverJar(), port, List.of(), dir.resolve("logs"),
                dir.resolve("pids"));
        try {
            assertThatIllegalStateException()
                    .isThrownBy(() -> service.waitUntilHealthy(Duration.ofSeconds(3)))
                    .withMessageContaining("slow was not healthy within");
        }
        finally {
            service.kill();
            impostor.stop(0);
        }
    }

    /** An executable jar whose main waits forever, like a service that has not bound its port yet. */
    private Path foreverJar() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("forever"));
        Path source = Files.writeString(sources.resolve("Forever.java"), """
                public class Forever { public static void main(String[] args) throws Exception {
                    new java.util.concurrent.CountDownLatch(1).await(); } }""");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, source.toString())).isZero();
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Forever");
        Path jar = dir.resolve("forever.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Forever.class"));
            out.write(Files.readAllBytes(sources.resolve("Forever.class")));
            out.closeEntry();
        }
        return jar;
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
