-- The listing's wake time of a published post covers every follow-up, not only metrics: a TikTok post whose public id
-- moderation has not given yet is woken from its row too, instead of keeping a reminder of its own while it waits.
-- The column and its partial index are renamed to say so; their contents stay.

ALTER TABLE layers_scheduled_posts RENAME COLUMN metrics_at TO follow_up_at;

ALTER INDEX layers_scheduled_posts_metrics_idx RENAME TO layers_scheduled_posts_follow_up_idx;
