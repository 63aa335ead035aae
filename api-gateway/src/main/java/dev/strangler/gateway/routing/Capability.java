package dev.strangler.gateway.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A slice of the shop that moves from the monolith to a service as a whole; everything else stays with the monolith.
 * Most are routed: the gateway sends their HTTP paths, reads and writes separately, to the monolith or the service.
 * {@link #NOTIFICATIONS} is a switch instead: no path belongs to it, and the monolith and notification-service follow
 * its one mode to decide which of them sends the e-mails (ADR 0027).
 */
public enum Capability {

    USERS("user-service", true), ORDERS("order-service", true), NOTIFICATIONS("notification-service", false),
    OTHER(null, false);

    private static final String USERS_PATH = "/api/users";
    private static final String ORDERS_PATH = "/api/orders";

    private final String service;
    private final boolean routed;

    Capability(String service, boolean routed) {
        this.service = service;
        this.routed = routed;
    }

    /** The capability a request path belongs to; a user's order history belongs to orders, not users. */
    public static Capability of(String path) {
        if (isUnder(path, ORDERS_PATH)) {
            return ORDERS;
        }
        if (!isUnder(path, USERS_PATH)) {
            return OTHER;
        }
        // /api/users/{id}/orders[/...] is a user's order history, which belongs to orders.
        int afterId = path.indexOf('/', USERS_PATH.length() + 1);
        return afterId > USERS_PATH.length() + 1 && isUnder(path.substring(afterId), "/orders") ? ORDERS : USERS;
    }

    /**
     * The capabilities that can move to a service, each a record of the migration state; {@link #OTHER} always stays
     * with the monolith.
     */
    public static List<Capability> migratable() {
        return Arrays.stream(values()).filter(capability -> capability.service != null).toList();
    }

    /** The migratable capabilities whose HTTP paths the gateway routes, with their reads and writes moving apart. */
    public static List<Capability> routed() {
        return Arrays.stream(values()).filter(Capability::isRouted).toList();
    }

    /**
     * The migratable capability with this label ({@code users}, {@code orders}, {@code notifications}), if there is
     * one.
     */
    public static Optional<Capability> byLabel(String label) {
        return migratable().stream().filter(capability -> capability.label().equals(label)).findFirst();
    }

    /** The user a path is about ({@code /api/users/42}, {@code /api/users/42/orders}), which keeps a canary sticky. */
    public static Optional<String> userIdIn(String path) {
        if (!path.startsWith(USERS_PATH + "/")) {
            return Optional.empty();
        }
        int start = USERS_PATH.length() + 1;
        int end = path.indexOf('/', start);
        String id = end < 0 ? path.substring(start) : path.substring(start, end);
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /** Whether the path is {@code prefix} itself or below it (not merely starting with the same letters). */
    private static boolean isUnder(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** The service that takes the capability over, as registered in discovery. */
    public String service() {
        if (service == null) {
            throw new IllegalStateException(this + " is served by the monolith only");
        }
        return service;
    }

    /** Whether the gateway routes this capability's paths (reads and writes); false for a switch and for OTHER. */
    public boolean isRouted() {
        return routed;
    }

    /** The name used in metrics, logs, the admin API and the migration.state topic. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
