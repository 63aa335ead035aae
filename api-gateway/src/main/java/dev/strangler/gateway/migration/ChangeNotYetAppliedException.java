package dev.strangler.gateway.migration;

/**
 * Kafka confirmed a change but this gateway has not read it back yet: it is recorded and will apply everywhere, so the
 * admin gets a 202.
 */
class ChangeNotYetAppliedException extends RuntimeException {

    private final CapabilityState recorded;

    ChangeNotYetAppliedException(CapabilityState recorded) {
        super("The change is recorded on Kafka but this gateway has not applied it yet");
        this.recorded = recorded;
    }

    CapabilityState recorded() {
        return recorded;
    }
}
