package dev.strangler.orders.reconciliation;

import dev.strangler.orders.ordering.Orders;
import dev.strangler.service.reconciliation.ReconciledCapability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.strangler.service.reconciliation.ReconciledCapability.md5;
import static dev.strangler.service.reconciliation.ReconciledCapability.utc;

/**
 * What the gateway's reconciliation compares with the monolith: the {@code orders} table, digested exactly as the
 * monolith digests its own (its {@code OrdersReconciliation} declares the same expression over columns of the same
 * types: bigint id and user_id, varchar status, numeric(12,2) total, so "47.40", timestamptz created_at, bigint
 * version); repairs republish this service's own orders as {@code order.created} through the outbox.
 */
@Configuration(proxyBeanMethods = false)
class OrdersReconciliation {

    static final String ROW_DIGEST = md5("id", "user_id", "status", "total", utc("created_at"), "version");

    @Bean
    ReconciledCapability ordersReconciled(Orders orders) {
        return new ReconciledCapability("orders", "orders", ROW_DIGEST, orders::republish);
    }
}
