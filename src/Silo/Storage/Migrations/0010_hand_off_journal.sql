-- The latest hand-off attempt of each scheduled post, recorded before the platform is called (the post's state takes
-- the outcome afterwards). Hand-offs falling due together are recorded together, many rows per statement, instead
-- of one grain-state write each.

CREATE TABLE IF NOT EXISTS layers_hand_offs
(
    scheduled_post_id text        NOT NULL PRIMARY KEY,
    attempt           integer     NOT NULL,
    handed_off_at     timestamptz NOT NULL
) WITH (fillfactor = 70);
