package dev.strangler.monolith.users;

/**
 * Thrown when a registration would take an id from user-service's range (ADR 0013): refusing is better than two users
 * with one id.
 */
public class UserIdsExhaustedException extends RuntimeException {

    public UserIdsExhaustedException(long id) {
        super("User id " + id + " would reach user-service's id range (from " + UserAccounts.SERVICE_ID_RANGE_START
                + "); registration is closed until ids are re-planned");
    }
}
