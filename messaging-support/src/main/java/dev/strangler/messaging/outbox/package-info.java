/**
 * The transactional outbox: append in the caller's transaction, relay to Kafka, backlog metrics.
 */
@NullMarked
package dev.strangler.messaging.outbox;

import org.jspecify.annotations.NullMarked;
