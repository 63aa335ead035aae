/**
 * Event plumbing shared by every service: CloudEvents header names and the events properties.
 */
@NullMarked
package dev.strangler.messaging;

import org.jspecify.annotations.NullMarked;
