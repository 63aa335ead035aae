-- Placing an order (docs/adr/0038-placing-orders-with-stock-reservations.md). tx1 commits an attempt, and the key of a
-- keyed request, before the monolith is asked to reserve stock; tx2 replaces the attempt with the order. An attempt
-- that outlives strangler.orders.attempts.abandoned-after is the sweeper's: it cancels the reservation and deletes the
-- attempt and its key. So a crash or an outage between tx1 and tx2 never leaves stock taken without an order.
create table order_attempts (
    order_id        bigint       primary key,
    user_id         bigint       not null,
    -- What was asked ([{"productId":1,"quantity":2}, ...]), for an operator looking at a stuck attempt.
    lines           text         not null,
    idempotency_key varchar(100),
    created_at      timestamptz  not null
);
create index order_attempts_created_at on order_attempts (created_at);

-- Idempotency-Key on POST /api/orders (ADR 0030, as in the monolith's V5). Unlike the monolith's, the key row is
-- committed in tx1, while the order is still in flight (state IN_FLIGHT): a concurrent duplicate sees it and waits for
-- PLACED; a refusal or the sweeper deletes it, so the key may be claimed again. order_id is the id allocated in tx1,
-- whose order exists only once the state is PLACED (hence no foreign key).
create table idempotency_keys (
    idempotency_key varchar(100) primary key,
    request_hash    char(64)     not null,
    order_id        bigint       not null unique,
    state           varchar(12)  not null check (state in ('IN_FLIGHT', 'PLACED')),
    created_at      timestamptz  not null
);
create index idempotency_keys_created_at on idempotency_keys (created_at);
