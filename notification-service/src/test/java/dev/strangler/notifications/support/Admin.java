package dev.strangler.notifications.support;

/** The admin account of the test contexts. */
public final class Admin {

    public static final String USER = "operator";
    public static final String PASSWORD = "test-only-secret";
    /** The {@code Authorization} header of the admin account: Basic base64("operator:test-only-secret"). */
    public static final String AUTHORIZATION = "Basic b3BlcmF0b3I6dGVzdC1vbmx5LXNlY3JldA==";

    private Admin() {
    }
}
