package spike;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL 18 for the spike's JVM. */
final class Postgres {

    private static EmbeddedPostgres server;

    static synchronized String url() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
    }
}
