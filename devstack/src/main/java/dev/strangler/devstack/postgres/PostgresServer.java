package dev.strangler.devstack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server run from embedded binaries, as its own OS process, bound to 127.0.0.1.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server; {@code dataDir} null means a throw-away directory, {@code port} 0 a free port.
     */
    public static PostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setCleanDataDirectory(dataDir == null)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir.toFile());
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new PostgresServer(builder.start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("PostgreSQL did not start", ex);
        }
    }

    /**
     * Stops a server that a crashed run left behind on {@code dataDir}, found through PostgreSQL's own
     * {@code postmaster.pid}. Does nothing when there is none.
     */
    public static void stopLeftover(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            if (!firstLine.matches("\\d+")) {
                return;
            }
            ProcessHandle.of(Long.parseLong(firstLine))
                    .filter(handle -> handle.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                    .ifPresent(postmaster -> {
                        // SIGTERM is PostgreSQL's "smart" shutdown: its clients died with the crashed run.
                        postmaster.destroy();
                        postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + pidFile, ex);
        }
    }

    /** Creates the database unless it exists. */
    public PostgresServer createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
            return this;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create database " + name, ex);
        }
    }

    /** Drops the database (and its connections) if it exists, then creates it empty. */
    public PostgresServer recreateDatabase(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not drop database " + name, ex);
        }
        return createDatabase(name);
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", ex);
        }
    }
}
