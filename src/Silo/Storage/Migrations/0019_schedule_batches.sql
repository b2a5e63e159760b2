-- Schedule requests' batches get a table of their own, outside grain state.
--
-- Every schedule request stores its batch before it makes any post and deletes it once finished, moments later
-- (0015, 0017, 0018). As grain state each of those two writes was a statement and a commit of its own: two of the
-- three commits a single-post request made alone (the post's own state is the third). Here they go by group commit, in
-- the commits other writes of the moment make. A batch is found by its key (the request's first post id) and, when a crash cut its request short, by
-- its age; the request that stored it is kept beside it, so a commit run again after its answer was lost knows its
-- own batch from another request's.
CREATE TABLE IF NOT EXISTS layers_schedule_batches
(
    service_id text        NOT NULL,
    batch_id   text        NOT NULL,
    request_id text        NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, batch_id)
);

-- The index on age is partial on a condition every look by age implies and no statement by key does, so no plan of a
-- statement by key can take it for the key's index while the churn's dead entries swell both (0018).
CREATE INDEX IF NOT EXISTS layers_schedule_batches_age_ix ON layers_schedule_batches (service_id, created_at)
    WHERE created_at IS NOT NULL;

-- A row in and out per request, a few dozen live at any moment: vacuum leaves the empty last pages in place rather than
-- take the table's exclusive lock to cut them off, which every insert would wait for (0018).
ALTER TABLE layers_schedule_batches SET (vacuum_truncate = false);

-- Batches that a crash left unfinished before the upgrade move over (their payload is the same JSON), so the wake-up
-- still resumes them; then their partition of grain state goes.
INSERT INTO layers_schedule_batches (service_id, batch_id, request_id, payload, created_at)
SELECT service_id, grain_id_extension,
       coalesce(convert_from(payload, 'UTF8')::jsonb #>> '{Posts,0,Draft,BatchId}', ''), payload, created_at
FROM orleans_grain_state
WHERE grain_type = 'schedulebatch' AND payload IS NOT NULL
ON CONFLICT DO NOTHING;

DROP TABLE IF EXISTS orleans_grain_state_batches;
