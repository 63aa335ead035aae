package dev.strangler.gateway.migration;

/**
 * Who does the work of a capability that is a switch rather than routes (notifications: who sends the e-mails); the
 * components concerned read it from the {@code migration.state} topic and follow it.
 */
public enum SwitchMode {
    MONOLITH, SERVICE
}
