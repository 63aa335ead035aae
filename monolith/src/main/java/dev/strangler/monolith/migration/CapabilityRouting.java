package dev.strangler.monolith.migration;

/**
 * Where the gateway sends one capability's traffic, as the monolith reads it from the {@code migration.state} topic.
 *
 * @param capability the capability ({@code users}, {@code orders}, {@code notifications})
 * @param reads who answers reads: MONOLITH, SHADOW, CANARY or SERVICE
 * @param percent the canary percent, when reads are CANARY
 * @param writes who owns writes: MONOLITH or SERVICE
 * @param mode where a capability without a reads/writes split runs ({@code notifications}): MONOLITH or SERVICE
 * @param version how many changes the capability has seen
 */
public record CapabilityRouting(String capability, String reads, Integer percent, String writes, String mode,
                                long version) {

    static CapabilityRouting monolith(String capability) {
        return new CapabilityRouting(capability, "MONOLITH", null, "MONOLITH", "MONOLITH", 0);
    }

    /**
     * Whether a single-mode capability has moved to its service. Only an explicit SERVICE counts: anything else,
     * including a mode this version does not know, keeps the work in the monolith, which for e-mail is always safe
     * because the event says who sent it (ADR 0025).
     */
    public boolean movedToTheService() {
        return "SERVICE".equals(mode);
    }

    /** Whether the service answers some of this capability's reads, so the monolith's own pages should ask it too. */
    public boolean readsLeftTheMonolith() {
        return !"MONOLITH".equals(reads);
    }

    /** Whether the service owns this capability's writes, so that the monolith must not write its own copy. */
    public boolean writesLeftTheMonolith() {
        return "SERVICE".equals(writes);
    }
}
