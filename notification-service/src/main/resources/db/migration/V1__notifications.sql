-- The recipients: a replica of the users, kept from user.created / user.updated by version (as user-service does),
-- because order.created carries only the user's id.
create table recipients (
    id         bigint       primary key,
    email      varchar(255) not null,
    name       varchar(255) not null,
    version    bigint       not null
);

-- The inbox: one row per e-mail event ever handled. Inserted first, in the transaction that sends and records the
-- e-mail: a second consumer of the same event blocks on this key until the first commits, then skips it.
create table processed_events (
    event_id     varchar(100) primary key,
    topic        varchar(255) not null,
    processed_at timestamp with time zone not null
);

-- What was sent (or, while the monolith still sends, what the monolith sent), for support and for tests.
create table notifications (
    id          bigint generated always as identity primary key,
    event_id    varchar(100) not null unique references processed_events (event_id),
    kind        varchar(40)  not null,
    recipient   varchar(255) not null,
    subject     varchar(255) not null,
    status      varchar(40)  not null,
    message_id  varchar(255) not null,
    created_at  timestamp with time zone not null,
    constraint notifications_status check (status in ('SENT', 'SENT_BY_MONOLITH')),
    constraint notifications_kind check (kind in ('WELCOME', 'ORDER_CONFIRMATION'))
);

create index notifications_by_recipient on notifications (recipient, created_at desc, id desc);
