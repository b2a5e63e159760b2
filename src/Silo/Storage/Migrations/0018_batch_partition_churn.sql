-- The schedule batches' partition (0017) takes a row and deletes it for every schedule request, hundreds a second,
-- while the rows live at any moment are a few dozen. Each autovacuum of it found its last pages empty and cut them
-- off the table, which takes the table's exclusive lock: every schedule request's batch insert waited for it (twenty
-- at once in a sample with a million posts queued). Left in place, the pages are simply used again by the next rows.
ALTER TABLE orleans_grain_state_batches SET (vacuum_truncate = false);
