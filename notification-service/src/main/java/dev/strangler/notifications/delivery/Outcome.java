package dev.strangler.notifications.delivery;

/** What handling one event came to. */
public enum Outcome {
    /** The e-mail was sent now (and recorded). */
    SENT,
    /** The monolith had sent it; recorded only. */
    SENT_BY_MONOLITH,
    /** The event had been handled before (redelivery, replay, another instance): nothing was done. */
    ALREADY_DONE,
    /** An event that sends nothing ({@code user.updated}): the replica was brought up to date. */
    NO_EMAIL
}
