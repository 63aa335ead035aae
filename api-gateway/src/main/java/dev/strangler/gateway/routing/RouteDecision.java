package dev.strangler.gateway.routing;

/**
 * What the gateway does with one request of a capability, decided once from the migration state when it arrives.
 *
 * @param capability the capability the path belongs to
 * @param read whether it is a read (GET, HEAD)
 * @param backend the service that is asked first
 * @param fallBackToMonolith whether a failure of that service is answered by the monolith instead (service reads)
 * @param shadow whether the service also gets a copy whose answer is compared (SHADOW reads)
 * @param refusal why the request is refused without being sent anywhere, or null
 */
public record RouteDecision(Capability capability, boolean read, String backend, boolean fallBackToMonolith,
                            boolean shadow, String refusal) {

    public static final String MONOLITH = "monolith";

    static RouteDecision monolith(Capability capability, boolean read) {
        return new RouteDecision(capability, read, MONOLITH, false, false, null);
    }

    static RouteDecision shadowed(Capability capability) {
        return new RouteDecision(capability, true, MONOLITH, false, true, null);
    }

    static RouteDecision serviceRead(Capability capability) {
        return new RouteDecision(capability, true, capability.service(), true, false, null);
    }

    static RouteDecision serviceWrite(Capability capability) {
        return new RouteDecision(capability, false, capability.service(), false, false, null);
    }

    static RouteDecision refused(Capability capability, String why) {
        return new RouteDecision(capability, false, null, false, false, why);
    }
}
