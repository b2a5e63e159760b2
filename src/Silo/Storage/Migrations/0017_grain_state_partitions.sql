-- Grain state is partitioned by kind: a schedule request's batch row gets a partition of its own.
--
-- Every schedule request stores its batch row and deletes it a moment later (0015). In the one table of all grain
-- state, beside a million queued posts' rows, each deleted row's space came back only when the whole table was
-- vacuumed (after a fifth of it had changed), so nearly every batch took new room at the table's end. New room is
-- added one page at a time under the table's extension lock, and the posts' own inserts queued on that lock (most of
-- PostgreSQL's waits while a million were queued). In a partition of their own the batch rows are few, autovacuum
-- visits them every minute, and their space is used again. Every other kind stays where it was: the table as it
-- stood becomes the default partition, with its indexes and settings. The queries are unchanged (each names the
-- grain type, so PostgreSQL goes to one partition), and the key stays unique across partitions (the kind is part of it).

ALTER TABLE orleans_grain_state RENAME TO orleans_grain_state_default;
ALTER INDEX orleans_grain_state_key_uq RENAME TO orleans_grain_state_default_key_uq;

CREATE TABLE orleans_grain_state_batches (LIKE orleans_grain_state_default INCLUDING DEFAULTS);
INSERT INTO orleans_grain_state_batches SELECT * FROM orleans_grain_state_default WHERE grain_type = 'schedulebatch';
DELETE FROM orleans_grain_state_default WHERE grain_type = 'schedulebatch';
DROP INDEX IF EXISTS orleans_grain_state_batches_ix;
CREATE INDEX orleans_grain_state_batches_created_ix ON orleans_grain_state_batches (service_id, created_at);

CREATE TABLE orleans_grain_state (LIKE orleans_grain_state_default INCLUDING DEFAULTS) PARTITION BY LIST (grain_type);
ALTER TABLE orleans_grain_state ATTACH PARTITION orleans_grain_state_batches FOR VALUES IN ('schedulebatch');
ALTER TABLE orleans_grain_state ATTACH PARTITION orleans_grain_state_default DEFAULT;

-- Made on the partitioned table, the key index takes the default partition's own as its part there (no rebuild)
-- and builds the batch partition's.
CREATE UNIQUE INDEX orleans_grain_state_key_uq
    ON orleans_grain_state (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
                            service_id, grain_type, grain_id_extension)
    NULLS NOT DISTINCT;
