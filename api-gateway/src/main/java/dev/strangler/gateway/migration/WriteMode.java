package dev.strangler.gateway.migration;

/**
 * Who owns the writes of a capability; there is never more than one writer.
 */
public enum WriteMode {
    MONOLITH, SERVICE
}
