package dev.strangler.devstack.postgres;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A run that starts PostgreSQL and then waits to be killed, so that a test can leave a real orphan behind.
 */
public final class OrphanPostgresMain {

    private OrphanPostgresMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresServer.start(Path.of(args[0]), 0).createDatabase("shop");
        System.out.println("postgres ready");
        new CountDownLatch(1).await();
    }
}
