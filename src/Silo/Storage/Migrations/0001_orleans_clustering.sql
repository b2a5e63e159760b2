-- Orleans cluster membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2).
--
-- Layout: one version row per cluster (the provider's DeploymentId is the
-- Orleans ClusterId) plus one row per silo incarnation (address, port,
-- generation). Every change to the set of silos or to a silo's status must
-- advance the cluster version atomically; the provider hands back the version
-- it last read (TableVersion.Next() keeps the old etag), so a mutation succeeds
-- only while the stored version still equals @Version and then increments it.
--
-- Conflicts are reported as a single boolean column (false), never as errors.
-- Re-applying this script is harmless.

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_membership_version_pkey PRIMARY KEY (deployment_id)
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT orleans_membership_pkey PRIMARY KEY (deployment_id, address, port, generation),
    CONSTRAINT orleans_membership_version_fkey FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE
);

-- Adds a silo row and bumps the cluster version, or changes nothing and
-- returns false (stale version, missing version row, or row already present).
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT v.version INTO current_version
    FROM orleans_membership_version AS v
    WHERE v.deployment_id = p_deployment_id
    FOR UPDATE;

    IF NOT FOUND OR current_version IS DISTINCT FROM p_version THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership AS m
        (deployment_id, address, port, generation, silo_name, host_name,
         status, proxy_port, suspect_times, start_time, i_am_alive_time)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation,
         coalesce(p_silo_name, ''), coalesce(p_host_name, ''),
         p_status, coalesce(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT orleans_membership_pkey DO NOTHING;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version AS v
    SET version = v.version + 1,
        updated_at = now()
    WHERE v.deployment_id = p_deployment_id;

    RETURN true;
END;
$fn$;

-- Changes a silo's status / suspicion votes / liveness and bumps the cluster
-- version, or changes nothing and returns false.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT v.version INTO current_version
    FROM orleans_membership_version AS v
    WHERE v.deployment_id = p_deployment_id
    FOR UPDATE;

    IF NOT FOUND OR current_version IS DISTINCT FROM p_version THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership AS m
    SET status = p_status,
        suspect_times = p_suspect_times,
        i_am_alive_time = p_i_am_alive_time
    WHERE m.deployment_id = p_deployment_id
      AND m.address = p_address
      AND m.port = p_port
      AND m.generation = p_generation;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version AS v
    SET version = v.version + 1,
        updated_at = now()
    WHERE v.deployment_id = p_deployment_id;

    RETURN true;
END;
$fn$;

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'InsertMembershipVersionKey',
    $q$WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT ON CONSTRAINT orleans_membership_version_pkey DO NOTHING
    RETURNING deployment_id
)
SELECT EXISTS (SELECT 1 FROM created) AS "Created";$q$
),
(
    'MembershipReadAllKey',
    $q$SELECT coalesce(v.version, 0) AS "Version",
       m.address AS "Address",
       m.port AS "Port",
       m.generation AS "Generation",
       m.silo_name AS "SiloName",
       m.host_name AS "HostName",
       m.status AS "Status",
       m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM (SELECT CAST(@DeploymentId AS text) AS deployment_id) AS k
LEFT JOIN orleans_membership_version AS v
       ON v.deployment_id = k.deployment_id
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id
ORDER BY m.address, m.port, m.generation;$q$
),
(
    'MembershipReadRowKey',
    $q$SELECT coalesce(v.version, 0) AS "Version",
       m.address AS "Address",
       m.port AS "Port",
       m.generation AS "Generation",
       m.silo_name AS "SiloName",
       m.host_name AS "HostName",
       m.status AS "Status",
       m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM (SELECT CAST(@DeploymentId AS text) AS deployment_id) AS k
LEFT JOIN orleans_membership_version AS v
       ON v.deployment_id = k.deployment_id
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation;$q$
),
(
    'InsertMembershipKey',
    $q$SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted";$q$
),
(
    'UpdateMembershipKey',
    $q$SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS "Updated";$q$
),
(
    'UpdateIAmAlivetimeKey',
    $q$UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation;$q$
),
(
    'GatewaysQueryKey',
    $q$SELECT m.address AS "Address",
       m.proxy_port AS "ProxyPort",
       m.generation AS "Generation"
FROM orleans_membership AS m
WHERE m.deployment_id = @DeploymentId
  AND m.status = @Status
  AND m.proxy_port > 0;$q$
),
(
    'DeleteMembershipTableEntriesKey',
    $q$DELETE FROM orleans_membership_version
WHERE deployment_id = @DeploymentId;$q$
),
(
    -- Bulk form: dead silos whose last sign of life and start both predate the cutoff.
    'CleanupDefunctSiloEntriesKey',
    $q$DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
  AND start_time < @IAmAliveTime;$q$
),
(
    -- Optional per-row form (preferred by 10.4.2 when present): removes one dead
    -- row only if it still holds exactly the values the provider just read.
    'CleanupDefunctSiloEntryKey',
    $q$DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(CAST(@SuspectTimes AS text), '');$q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
