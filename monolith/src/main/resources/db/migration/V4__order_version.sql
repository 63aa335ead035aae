-- order.created carries the order's row version (docs/adr/0025-notifications-hand-over-and-order-events.md), as the
-- user events do, so that consumers (notification-service, later order-service) can apply its events by version.
-- Existing orders start at 0, as a new order does.
alter table orders add column version bigint not null default 0;
