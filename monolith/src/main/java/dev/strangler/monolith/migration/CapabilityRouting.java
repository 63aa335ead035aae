package dev.strangler.monolith.migration;

/**
 * Where the gateway sends one capability's traffic, as the monolith reads it from the {@code migration.state} topic.
 *
 * @param capability the capability ({@code users}, {@code orders})
 * @param reads who answers reads: MONOLITH, SHADOW, CANARY or SERVICE
 * @param percent the canary percent, when reads are CANARY
 * @param writes who owns writes: MONOLITH or SERVICE
 * @param version how many changes the capability has seen
 */
public record CapabilityRouting(String capability, String reads, Integer percent, String writes, long version) {

    static CapabilityRouting monolith(String capability) {
        return new CapabilityRouting(capability, "MONOLITH", null, "MONOLITH", 0);
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
