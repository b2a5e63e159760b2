-- Grain-state rows found by their kind and age get indexes of their own, each holding only its kind's rows, on when
-- the row was stored (created_at, which no write changes: an index on the time of the last write would make every
-- update of every grain's state, the queued posts' among them, an update of the table's indexes as well).
--
-- A schedule request's batch row is its own mark of an unfinished request: it is stored before the request makes any
-- post and deleted once the request is finished, so a row older than a request takes is one a crash cut short. The
-- wake-up of due posts looks for them every minute, instead of each request registering and deleting a reminder.
CREATE INDEX IF NOT EXISTS orleans_grain_state_batches_ix
    ON orleans_grain_state (created_at)
    WHERE grain_type = 'schedulebatch';

-- The retention job's kinds in grain state: idempotency records, OAuth states and webhook deliveries. Without these,
-- each of its passes read the whole table once per kind, a million queued posts' states included.
CREATE INDEX IF NOT EXISTS orleans_grain_state_idempotency_ix
    ON orleans_grain_state (created_at)
    WHERE grain_type = 'idempotency';
CREATE INDEX IF NOT EXISTS orleans_grain_state_oauthsession_ix
    ON orleans_grain_state (created_at)
    WHERE grain_type = 'oauthsession';
CREATE INDEX IF NOT EXISTS orleans_grain_state_webhookdelivery_ix
    ON orleans_grain_state (created_at)
    WHERE grain_type = 'webhookdelivery';
