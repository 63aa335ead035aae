package dev.strangler.gateway.migration;

import java.time.Instant;

/**
 * One audited change of a capability: who moved which side from what to what, and when.
 *
 * @param capability the capability label
 * @param version the capability's version after the change
 * @param aspect {@code reads} or {@code writes}, or {@code mode} for a switch
 * @param from the setting before
 * @param to the setting after
 * @param by the admin user who made it
 * @param at when it was made
 */
public record Change(String capability, long version, String aspect, Setting from, Setting to, String by,
                     Instant at) {
}
