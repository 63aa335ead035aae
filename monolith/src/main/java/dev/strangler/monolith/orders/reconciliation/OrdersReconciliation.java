package dev.strangler.monolith.orders.reconciliation;

import dev.strangler.monolith.orders.OrderCreated;
import dev.strangler.monolith.orders.OrderEvents;
import dev.strangler.monolith.orders.OrderSnapshots;
import dev.strangler.service.reconciliation.ReconciledCapability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static dev.strangler.service.reconciliation.ReconciledCapability.md5;
import static dev.strangler.service.reconciliation.ReconciledCapability.utc;

/**
 * What the gateway's reconciliation compares with order-service: the legacy {@code orders} table, digested exactly as
 * order-service digests its own (its reconciliation declares the same expression). The lines are not in the digest:
 * an order never changes after it is placed, and its lines are written in the same transaction as its row. Repairs
 * republish the orders as {@code order.created}, marked so that nobody confirms them by e-mail again (ADR 0033).
 */
@Configuration(proxyBeanMethods = false)
class OrdersReconciliation {

    /** {@code md5(id || '|' || user_id || '|' || status || '|' || total || '|' || <created_at in UTC> || '|' || version)}. */
    static final String ROW_DIGEST = md5("id", "user_id", "status", "total", utc("created_at"), "version");

    @Bean
    ReconciledCapability orders(OrderSnapshots snapshots, OrderEvents events) {
        return new ReconciledCapability("orders", "orders", ROW_DIGEST, ids -> {
            List<OrderCreated> found = snapshots.withIds(ids);
            found.forEach(events::snapshot);
            return found.size();
        });
    }
}
