package dev.strangler.monolith.mail;

/**
 * Why the shop sent an e-mail.
 */
public enum EmailKind {
    WELCOME, ORDER_CONFIRMATION
}
