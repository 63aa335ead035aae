package dev.strangler.devstack.postgres;

import dev.strangler.devstack.process.ManagedProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PostgresServerIntegrationTests {

    @Test
    void serverShouldBeRealPostgresWhoseDataSurvivesARestart(@TempDir Path dataDir) throws Exception {
        try (var server = PostgresServer.start(dataDir, 0)) {
            server.createDatabase("shop").createDatabase("shop");
            try (var connection = DriverManager.getConnection(server.jdbcUrl("shop"), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                var version = connection.createStatement().executeQuery("select version()");
                version.next();
                assertThat(version.getString(1)).startsWith("PostgreSQL 18");
                connection.createStatement().execute("create table kept (id int); insert into kept values (42)");
            }
        }

        try (var server = PostgresServer.start(dataDir, 0);
             var connection = DriverManager.getConnection(server.jdbcUrl("shop"), PostgresServer.USER,
                     PostgresServer.PASSWORD)) {
            var kept = connection.createStatement().executeQuery("select id from kept");
            assertThat(kept.next()).isTrue();
            assertThat(kept.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void serverLeftBehindByAKilledRunShouldBeStoppedSoANewOneCanStart(@TempDir Path workDir) throws Exception {
        // The log must be this test's own: a stale "postgres ready" from an earlier run would end the wait at once.
        Path dataDir = workDir.resolve("pgdata");
        var run = new ManagedProcess("orphan-maker", List.of(ManagedProcess.javaExecutable(),
                OrphanPostgresMain.class.getName(), dataDir.toString()),
                Map.of("CLASSPATH", System.getProperty("java.class.path")), workDir.resolve("orphan.log"),
                workDir.resolve("orphan.pid")).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(run.logFile()).contains("postgres ready"));
        run.kill();
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst());
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);

        PostgresServer.stopLeftover(dataDir);

        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        try (var server = PostgresServer.start(dataDir, 0);
             var connection = DriverManager.getConnection(server.jdbcUrl("shop"), PostgresServer.USER,
                     PostgresServer.PASSWORD)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void recreateDatabaseShouldEmptyIt() throws Exception {
        try (var server = PostgresServer.start(null, 0)) {
            server.createDatabase("scratch");
            try (var connection = DriverManager.getConnection(server.jdbcUrl("scratch"), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                connection.createStatement().execute("create table t (id int)");
            }
            server.recreateDatabase("scratch");
            try (var connection = DriverManager.getConnection(server.jdbcUrl("scratch"), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                var tables = connection.createStatement().executeQuery(
                        "select count(*) from information_schema.tables where table_name = 't'");
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
        }
    }
}
