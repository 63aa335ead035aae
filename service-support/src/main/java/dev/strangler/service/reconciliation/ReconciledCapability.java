package dev.strangler.service.reconciliation;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a service reconciles with the other side of a migration, declared as a bean: the endpoints under
 * {@code /admin/reconciliation/{capability}} then serve digests of {@code table} and republish its rows. Both sides of
 * a capability must declare the same {@code rowDigest} over the same columns, or no row will ever match.
 *
 * @param capability the label the gateway uses in the path ({@code users}, {@code orders})
 * @param table the table, with a numeric primary key {@code id} and a numeric {@code version} column
 * @param rowDigest the SQL expression of one row's digest, see {@link #md5(String...)}
 * @param republisher publishes the current state of rows again through the service's outbox
 */
public record ReconciledCapability(String capability, String table, String rowDigest, Republisher republisher) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public ReconciledCapability {
        // Both end up in SQL and in paths: refusing anything but plain names keeps them from ever being more.
        if (!NAME.matcher(capability).matches() || !NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("capability and table must be plain lower-case names: " + capability
                    + ", " + table);
        }
    }

    /**
     * The digest of the given SQL values joined by {@code |}, in the given order; give timestamps through
     * {@link #utc(String)} so that the digest depends on neither the session's time zone nor the server's.
     */
    public static String md5(String... values) {
        return "md5(" + Arrays.stream(values).collect(Collectors.joining(" || '|' || ")) + ")";
    }

    /** A {@code timestamptz} column rendered in UTC at PostgreSQL's microsecond precision. */
    public static String utc(String column) {
        return "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')";
    }

    /**
     * Publishes the current state of rows again, for the gateway's repair of a difference.
     */
    @FunctionalInterface
    public interface Republisher {

        /**
         * Appends an event with the current state of each of these rows to the service's outbox. Runs inside the
         * endpoint's transaction; ids without a row are skipped.
         *
         * @param ids distinct ids, at least one and at most 10,000
         * @return how many rows were published
         */
        int republish(List<Long> ids);
    }
}
