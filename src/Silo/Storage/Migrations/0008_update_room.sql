-- Grain states, listing rows and reminders are rewritten many times over their lives (a post's state alone is
-- written three to five times around its hand-off). Leaving room in every page lets PostgreSQL put the new version
-- of a row beside the old one without touching the indexes (a "heap-only" update), which is most of the cost of an
-- update here: the grain-state key index is wide. New rows fill pages only to the given share; rows already stored
-- keep their pages until rewritten.

ALTER TABLE orleans_grain_state SET (fillfactor = 50);
ALTER TABLE layers_scheduled_posts SET (fillfactor = 70);
ALTER TABLE orleans_reminders SET (fillfactor = 70);
