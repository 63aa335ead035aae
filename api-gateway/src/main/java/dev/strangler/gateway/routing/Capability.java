package dev.strangler.gateway.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slice of the shop that moves from the monolith to a service as a whole; everything else stays with the monolith.
 */
public enum Capability {

    USERS("user-service"), ORDERS("order-service"), OTHER(null);

    private static final Pattern ORDERS_OF_A_USER = Pattern.compile("^/api/users/([^/]+)/orders(/.*)?$");
    private static final Pattern A_USER = Pattern.compile("^/api/users/([^/]+)(/.*)?$");

    private final String service;

    Capability(String service) {
        this.service = service;
    }

    /** The capability a request path belongs to; a user's order history belongs to orders, not users. */
    public static Capability of(String path) {
        if (path.equals("/api/orders") || path.startsWith("/api/orders/")) {
            return ORDERS;
        }
        if (ORDERS_OF_A_USER.matcher(path).matches()) {
            return ORDERS;
        }
        if (path.equals("/api/users") || path.startsWith("/api/users/")) {
            return USERS;
        }
        return OTHER;
    }

    /** The capabilities that can move to a service; {@link #OTHER} always stays with the monolith. */
    public static List<Capability> migratable() {
        return Arrays.stream(values()).filter(capability -> capability.service != null).toList();
    }

    /** The migratable capability with this label ({@code users}, {@code orders}), if there is one. */
    public static Optional<Capability> byLabel(String label) {
        return migratable().stream().filter(capability -> capability.label().equals(label)).findFirst();
    }

    /** The user a path is about ({@code /api/users/42}, {@code /api/users/42/orders}), which keeps a canary sticky. */
    public static Optional<String> userIdIn(String path) {
        Matcher matcher = A_USER.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The service that takes the capability over, as registered in discovery. */
    public String service() {
        if (service == null) {
            throw new IllegalStateException(this + " is served by the monolith only");
        }
        return service;
    }

    /** The name used in metrics, logs, the admin API and the migration.state topic. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
