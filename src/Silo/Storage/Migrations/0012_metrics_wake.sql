-- A published post's next metrics read, kept on its listing row: the wake-up of due posts reads, every minute, the
-- posts whose read is due, instead of each post keeping a reminder for its 30 days of metrics. Only those rows are
-- indexed; a post leaves the index when its metrics end.

ALTER TABLE layers_scheduled_posts ADD COLUMN IF NOT EXISTS metrics_at timestamptz;

CREATE INDEX IF NOT EXISTS layers_scheduled_posts_metrics_idx
    ON layers_scheduled_posts (metrics_at)
    WHERE metrics_at IS NOT NULL;
