-- The partner-facing view of every social account, written by its project's grain whenever the account changes and
-- read back when that grain activates. The project's own state keeps the account ids (the listing order) and the
-- user-to-account index; the views live here, one row each, so a change to one account writes one small row.

CREATE TABLE IF NOT EXISTS layers_account_views
(
    social_account_id text  NOT NULL PRIMARY KEY,
    project_id        uuid  NOT NULL,
    view              jsonb NOT NULL
);

CREATE INDEX IF NOT EXISTS layers_account_views_project_idx ON layers_account_views (project_id);
