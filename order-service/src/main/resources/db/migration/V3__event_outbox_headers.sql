-- Extra Kafka record headers of an outbox row (docs/adr/0026-extra-headers-in-the-outbox.md): a JSON object of header
-- names to text values, sent after the CloudEvents headers. Copy this file, unchanged, into the service's Flyway
-- migrations as the version after event_outbox.postgresql.sql. Nullable: rows written before it carry no extra
-- headers, and a service that never adds headers may leave it out (the relay then sends none, and an append that asks
-- for headers is refused).
alter table event_outbox add column headers json;
