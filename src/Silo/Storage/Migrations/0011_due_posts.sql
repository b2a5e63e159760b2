-- The wake-up of due posts reads, every minute, the queued posts due within the next minutes and the posts being
-- handed off. Only those rows are indexed: a queued post is in the index until it is handed off, then leaves it.

CREATE INDEX IF NOT EXISTS layers_scheduled_posts_due_idx
    ON layers_scheduled_posts (scheduled_for)
    WHERE status IN ('queued', 'publishing');
