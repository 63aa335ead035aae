package dev.strangler.gateway.migration;

/**
 * Who answers the reads (GET, HEAD) of a capability.
 */
public enum ReadMode {
    /** The monolith answers, as before the migration. */
    MONOLITH,
    /** The monolith answers; the service gets a copy whose answer is only compared. */
    SHADOW,
    /** A stable share of users, by a hash of their id, is answered by the service. */
    CANARY,
    /** The service answers, falling back to the monolith when it fails. */
    SERVICE
}
