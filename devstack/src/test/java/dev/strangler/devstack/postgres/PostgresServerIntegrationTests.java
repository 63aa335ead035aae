package dev.strangler.devstack.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

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
