-- The transactional outbox of messaging-support (docs/adr/0014-transactional-outbox.md). Copy this file, unchanged,
-- into the service's own Flyway migrations: Flyway owns every schema, and the relay checks these columns at start.
create table event_outbox (
    -- Relay order within one key: ids follow the order in which a key's changes commit, because a change appends
    -- its event after writing (and so locking) the aggregate's row.
    id              bigint generated always as identity primary key,
    event_id        uuid          not null unique,
    topic           varchar(249)  not null,
    message_key     varchar(255)  not null,
    event_type      varchar(255)  not null,
    subject         varchar(255)  not null,
    -- json keeps the text exactly as it will be sent (jsonb would reorder it).
    payload         json          not null,
    created_at      timestamptz   not null default now(),
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null default now(),
    last_error      varchar(1000),
    sent_at         timestamptz
);
-- The relay and the depth metric only ever look at unsent rows; these stay small however many rows were relayed.
create index event_outbox_unsent on event_outbox (id) where sent_at is null;
create index event_outbox_unsent_key on event_outbox (message_key, id) where sent_at is null;
create index event_outbox_sent on event_outbox (sent_at) where sent_at is not null;
