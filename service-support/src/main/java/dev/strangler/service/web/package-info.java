/**
 * The problem+json answers every extracted service gives to the errors they all share (ADR 0018).
 */
@NullMarked
package dev.strangler.service.web;

import org.jspecify.annotations.NullMarked;
