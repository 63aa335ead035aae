-- Idempotency-Key on POST /api/orders (docs/adr/0030-idempotency-keys-for-orders.md). A key is inserted in the
-- transaction that places its order, so a refused or rolled-back order leaves no key, and a concurrent request with
-- the same key waits on the primary key until the first one commits or rolls back.
-- order_id is null only inside the inserting transaction (the key is claimed before the order exists); a committed row
-- always names its order. Keys are kept for good: see the ADR for clean-up.
create table idempotency_keys (
    idempotency_key varchar(100) primary key,
    request_hash    char(64)    not null,
    order_id        bigint      references orders (id),
    created_at      timestamptz not null
);
create index idempotency_keys_created_at on idempotency_keys (created_at);
