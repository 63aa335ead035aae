package dev.strangler.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command local run: starts the whole system, prints where everything is, and stops it all on Ctrl-C.
 */
public final class DevStack {

    private static final String HELP = "help";
    private static final String USAGE = """
            usage: ./run.sh [--fresh] [--no-seed] [--data-dir DIR]
              --fresh         delete the data directory first (default: keep data between runs)
              --no-seed       do not load the demo data
              --data-dir DIR  where PostgreSQL, Kafka and the logs keep their files (default: .devstack)""";

    private DevStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        long startedAt = System.nanoTime();
        LocalStack.Options options;
        try {
            options = parse(args);
        }
        catch (IllegalArgumentException ex) {
            boolean help = ex.getMessage().equals(HELP);
            (help ? System.out : System.err).println((help ? "" : ex.getMessage() + "\n") + USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        System.out.println("Starting Strangler Shop locally (data in " + options.dataDir() + ") ...");
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        }
        catch (RuntimeException ex) {
            System.err.println("\nStart-up failed: " + ex.getMessage());
            System.exit(1);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Strangler Shop ...");
            stack.close();
            System.out.println("Stopped; no process left behind.");
            stopped.countDown();
        }, "devstack-shutdown"));
        System.out.println(banner(stack, Duration.ofNanos(System.nanoTime() - startedAt)));
        stopped.await();
    }

    static LocalStack.Options parse(String[] args) {
        Path repoRoot = Path.of("").toAbsolutePath();
        Path dataDir = null;
        boolean fresh = false;
        boolean seed = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> throw new IllegalArgumentException(HELP);
                case "--fresh" -> fresh = true;
                case "--no-seed" -> seed = false;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir")).toAbsolutePath();
                case "--repo-root" -> repoRoot = Path.of(value(args, ++i, "--repo-root")).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        var options = LocalStack.Options.defaults(repoRoot).withFresh(fresh).withSeed(seed);
        return dataDir == null ? options : options.withDataDir(dataDir);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    static String banner(LocalStack stack, Duration startUp) {
        String gateway = stack.service(LocalStack.GATEWAY).baseUrl();
        var health = new StringBuilder();
        stack.services().forEach((name, service) -> health.append("   %-27s%s%n".formatted(name, service.baseUrl())));
        AdminCredentials admin = stack.admin();
        String password = admin.generated()
                ? admin.password() + "   (generated; kept in " + stack.dataDir().resolve(AdminCredentials.FILE) + ")"
                : "(from STRANGLER_ADMIN_PASSWORD)";
        return """

                ================================================================================
                 Strangler Shop is running (ready in %.1f s)

                 Shop (through the gateway)   %s/
                 JSON API                     %s/api/products   /api/users   /api/orders
                 E-mails sent                 %s/   (JSON: /api/messages)
                 notification-service history %s/api/notifications?recipient=<e-mail>
                 order-service's orders       %s/api/orders/<id>   (ids from 1000000000 are its own)

                 Migration admin API          %s/admin/migration
                   user                       %s
                   password                   %s
                   move user reads, e.g.      curl -u %s:<password> -X PUT -H 'Content-Type: application/json' \\
                                                -d '{"mode":"SHADOW"}' %s/admin/migration/users/reads

                 Health, metrics              <service>/actuator/health   /actuator/prometheus
                %s

                 PostgreSQL                   %s   (user postgres)
                 Kafka                        %s
                 SMTP                         127.0.0.1:%d
                 Logs                         %s

                 Ctrl-C stops everything.
                ================================================================================
                """.formatted(startUp.toMillis() / 1000.0, gateway, gateway, stack.mail().httpUrl(),
                stack.service(LocalStack.NOTIFICATION_SERVICE).baseUrl(),
                stack.service(LocalStack.ORDER_SERVICE).baseUrl(), gateway,
                admin.user(), password, admin.user(), gateway, health.toString().stripTrailing(),
                stack.postgres().jdbcUrl("monolith"), stack.kafka().bootstrapServers(), stack.mail().smtpPort(),
                stack.dataDir().resolve("logs"));
    }
}
