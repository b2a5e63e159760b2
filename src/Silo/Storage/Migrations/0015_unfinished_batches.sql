-- A schedule request's batch row is its own mark of an unfinished request: it is stored before the request makes any
-- post and deleted once the request is finished, so a row older than a request takes is one a crash cut short. The
-- wake-up of due posts looks for them every minute through this index, which holds only batch rows (a handful at any
-- time), instead of each request registering and deleting a reminder of its own.

CREATE INDEX IF NOT EXISTS orleans_grain_state_batches_ix
    ON orleans_grain_state (modified_at)
    WHERE grain_type = 'schedulebatch';
