/**
 * HTTP Basic with one operator account on {@code /admin/**} and nowhere else, auto-configured in every servlet service.
 */
@NullMarked
package dev.strangler.service.admin;

import org.jspecify.annotations.NullMarked;
