-- Relational records that grains write after their own state: the organization event log (what
-- GET /v1/events and webhook delivery read) and the scheduled-post listing. Grain state stays the
-- source of truth; every row here is written idempotently and can be written again.

CREATE TABLE IF NOT EXISTS layers_events
(
    event_id        text        NOT NULL PRIMARY KEY,
    organization_id text        NOT NULL,
    project_id      uuid        NULL,
    event_type      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    data            json        NOT NULL
);

-- Event ids are ULIDs, so id order is time order: listings walk this index newest first.
CREATE INDEX IF NOT EXISTS layers_events_org_idx ON layers_events (organization_id, event_id DESC);
CREATE INDEX IF NOT EXISTS layers_events_created_idx ON layers_events (created_at);

CREATE TABLE IF NOT EXISTS layers_scheduled_posts
(
    post_id           text        NOT NULL PRIMARY KEY,
    project_id        uuid        NOT NULL,
    social_account_id text        NOT NULL,
    status            text        NOT NULL,
    scheduled_for     timestamptz NOT NULL,
    version           bigint      NOT NULL,
    view              jsonb       NOT NULL
);

CREATE INDEX IF NOT EXISTS layers_scheduled_posts_project_idx
    ON layers_scheduled_posts (project_id, scheduled_for DESC, post_id DESC);
CREATE INDEX IF NOT EXISTS layers_scheduled_posts_account_idx
    ON layers_scheduled_posts (social_account_id, status);
