package dev.strangler.gateway.routing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which side of a canary a user is on: SHA-256 of the sticky key puts every user in one of 100 buckets, and the users
 * in buckets below the percent go to the service. The same user lands in the same bucket on every gateway and after
 * every restart, and raising the percent only adds buckets, so users only ever move towards the service.
 */
public final class CanarySplit {

    static final int BUCKETS = 100;

    /** A digest per thread: looking one up per request costs more than hashing the key. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(CanarySplit::sha256);

    private CanarySplit() {
    }

    /** The bucket (0–99) a sticky key falls in. */
    public static int bucketOf(String stickyKey) {
        byte[] digest = SHA_256.get().digest(stickyKey.getBytes(StandardCharsets.UTF_8));
        return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), BUCKETS);
    }

    /** Whether the user with this sticky key is answered by the service at this percent. */
    public static boolean toService(String stickyKey, int percent) {
        return bucketOf(stickyKey) < percent;
    }

    /** The sticky key of a request: its user when the path names one, else the client. */
    static String stickyKey(String path, String clientKey) {
        return Capability.userIdIn(path).map(id -> "user:" + id).orElse("client:" + clientKey);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK has SHA-256", ex);
        }
    }
}
