-- The listing of webhook deliveries per endpoint, written by each delivery grain after its own state (the grain
-- stays the source of truth; a row only moves to a higher version).

CREATE TABLE IF NOT EXISTS layers_webhook_deliveries
(
    delivery_id     text   NOT NULL PRIMARY KEY,
    endpoint_id     text   NOT NULL,
    organization_id text   NOT NULL,
    event_id        text   NOT NULL,
    status          text   NOT NULL,
    version         bigint NOT NULL,
    view            jsonb  NOT NULL
);

-- Delivery ids are ULIDs, so id order is time order: listings walk these indexes newest first.
CREATE INDEX IF NOT EXISTS layers_webhook_deliveries_endpoint_idx
    ON layers_webhook_deliveries (endpoint_id, delivery_id DESC);
CREATE INDEX IF NOT EXISTS layers_webhook_deliveries_status_idx
    ON layers_webhook_deliveries (endpoint_id, status, delivery_id DESC);
CREATE INDEX IF NOT EXISTS layers_webhook_deliveries_event_idx
    ON layers_webhook_deliveries (event_id);
