-- order-service's orders. Two kinds of rows share the tables (like user-service's users, docs/adr/0016):
--  * orders placed here take their id from orders_id_seq, which starts at 1,000,000,000, above every id the monolith
--    hands out (docs/adr/0013); the id is allocated before the order exists (it names the stock reservation first),
--    hence a sequence rather than an identity;
--  * orders replicated from the monolith keep its (smaller) id, and an insert that names the id does not move the
--    sequence.
-- version is the owner's row version, as order.created carries it (0 when placed).
create sequence orders_id_seq start with 1000000000;

create table orders (
    id          bigint         primary key default nextval('orders_id_seq'),
    user_id     bigint         not null,
    status      varchar(20)    not null,
    total       numeric(12, 2) not null,
    created_at  timestamptz    not null,
    version     bigint         not null default 0 check (version >= 0)
);
alter sequence orders_id_seq owned by orders.id;
-- A user's orders, newest first (the API's page).
create index orders_user_id_idx on orders (user_id, id desc);

-- The lines at the price the order was placed at; line_no keeps their order.
create table order_lines (
    order_id    bigint         not null references orders (id) on delete cascade,
    line_no     integer        not null,
    product_id  bigint         not null,
    sku         varchar(32)    not null,
    name        varchar(100)   not null,
    quantity    integer        not null check (quantity > 0),
    unit_price  numeric(10, 2) not null,
    primary key (order_id, line_no)
);

-- The users replica: who may place an order here. Copied from user.created/user.updated of any source (the monolith
-- or user-service) by the version rule; never written by this service otherwise. No foreign key from orders: a
-- replicated order may arrive before its user's event.
create table users (
    id          bigint         primary key,
    email       varchar(254)   not null,
    name        varchar(100)   not null,
    version     bigint         not null check (version >= 0)
);
