/**
 * Consuming events: the tolerant reader and the error handler that dead-letters poison messages.
 */
@NullMarked
package dev.strangler.messaging.inbound;

import org.jspecify.annotations.NullMarked;
