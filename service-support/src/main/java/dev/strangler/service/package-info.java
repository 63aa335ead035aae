/**
 * What every servlet service exposes the same way to the platform (ADR 0018): the admin account on {@code /admin/**}
 * ({@code admin}) and the reconciliation endpoints the gateway compares ({@code reconciliation}).
 */
@NullMarked
package dev.strangler.service;

import org.jspecify.annotations.NullMarked;
