-- Stock reservations order-service makes before it records an order (docs/adr/0031-stock-reservations-and-the-order-saga.md).
-- The reservation id is the order id order-service allocated, and the idempotency key of the reservation: a repeated
-- PUT finds the row and takes nothing again; a concurrent one waits on the primary key until the first one commits or
-- rolls back. A refused reservation rolls back with its row, so it leaves nothing.
--   RESERVED  stock taken, the order not known here yet;
--   CANCELLED stock given back (compensation), or a tombstone written by a DELETE that came first, so that a late PUT
--             with this id can never take stock;
--   CONFIRMED the order's order.created reached the monolith: its stock is sold and can no longer be given back.
-- lines is the JSON of the priced lines as answered ([] for a tombstone), so that every repeat answers the same bytes.
-- Rows are kept for good, like idempotency keys (the ADR says how to clean up).
create table stock_reservations (
    reservation_id bigint         primary key check (reservation_id > 0),
    status         varchar(12)    not null check (status in ('RESERVED', 'CANCELLED', 'CONFIRMED')),
    lines          text           not null,
    total          numeric(12, 2) not null,
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null
);
create index stock_reservations_status on stock_reservations (status, updated_at);
