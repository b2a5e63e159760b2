-- The posts queued on each social account and not yet handed to the platform, one row each, kept by the account's
-- grain (read back when it activates). A revocation cancels exactly these; the account's own state no longer grows
-- with its queue.

CREATE TABLE IF NOT EXISTS layers_account_queue
(
    social_account_id text NOT NULL,
    scheduled_post_id text NOT NULL,
    PRIMARY KEY (social_account_id, scheduled_post_id)
);
