/**
 * The reconciliation endpoints ({@code /admin/reconciliation/{capability}/buckets|rows|republish}) over the tables a
 * service declares with {@link dev.strangler.service.reconciliation.ReconciledCapability} beans.
 */
@NullMarked
package dev.strangler.service.reconciliation;

import org.jspecify.annotations.NullMarked;
