package dev.strangler.service.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The reconciliation digests computed in Java, independently of the SQL: what each side's endpoints must answer for
 * given rows, so that the monolith's tests and a service's tests prove their digests equal for equal rows. Shared with
 * the services' tests through this module's test jar.
 */
public final class ReferenceDigests {

    private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private ReferenceDigests() {
    }

    /** The digest of one row: its values joined by {@code |}, instants in UTC with microseconds. */
    public static String row(Object... values) {
        return md5(Arrays.stream(values)
                .map(value -> value instanceof Instant instant ? UTC_MICROS.format(instant) : value.toString())
                .collect(Collectors.joining("|")));
    }

    /** The digest of a bucket: its row digests, in id order, joined by commas. */
    public static String bucket(List<String> rowDigests) {
        return md5(String.join(",", rowDigests));
    }

    private static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
