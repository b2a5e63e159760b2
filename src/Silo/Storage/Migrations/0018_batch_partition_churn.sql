-- The schedule batches' partition (0017) takes a row and deletes it for every schedule request, hundreds a second,
-- while the rows live at any moment are a few dozen.
--
-- Each autovacuum of it finds its last pages empty and cuts them off the table, which takes the table's exclusive
-- lock, and every schedule request's batch insert waits for it (a sample with a million posts queued caught twenty
-- statements waiting for a table lock at once). Left in place, the pages are simply used again by the next rows.
ALTER TABLE orleans_grain_state_batches SET (vacuum_truncate = false);

-- A batch's row is read, written and deleted by its key. The index on age serves only the look for unfinished
-- batches, yet it matched the key statements' service column too, and a plan made while both indexes were swollen
-- with the churn's dead entries could take it for a batch's delete: every entry of the service read for one row.
-- Made partial on a condition every look by age implies and no key statement does, it is no candidate for them.
DROP INDEX IF EXISTS orleans_grain_state_batches_created_ix;
CREATE INDEX orleans_grain_state_batches_created_ix
    ON orleans_grain_state_batches (service_id, created_at)
    WHERE created_at IS NOT NULL;
