-- Who sent an e-mail that notification-service only recorded: the value of the event's strangler-notified-by header.
-- The status stays SENT_BY_MONOLITH for every marked event (dashboards, the history API and the system tests know that
-- name), but the mark is no longer only the monolith's: order-service stamps `order-service` on orders it republishes
-- or repairs, whose e-mail went out before. Null for SENT (notification-service sent it) and for rows recorded before
-- this column existed. Text, because the value comes from a producer's header and must never fail the insert.
alter table notifications add column notified_by text;

alter table notifications add constraint notifications_notified_by
    check (notified_by is null or status = 'SENT_BY_MONOLITH');
