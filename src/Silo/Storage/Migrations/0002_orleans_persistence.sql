-- Orleans grain state (Microsoft.Orleans.Persistence.AdoNet 10.4.2).
--
-- The provider identifies a state record by ServiceId, GrainTypeString (the
-- normalised *state name* handed to IGrainStorage, not the grain class) and the
-- grain key split into GrainIdN0/GrainIdN1 (integer/Guid keys) plus
-- GrainIdExtensionString (the whole key for string-keyed grains such as
-- "sa_01J...", the key extension for compound keys, NULL otherwise). The two
-- 32-bit hashes only narrow index look-ups; equality is always checked on the
-- full values.
--
-- Versioning contract: Version / NewGrainStateVersion is the etag. A write or
-- clear succeeds by returning a version different from the one supplied; a
-- conflict is reported by returning NULL (the provider turns that into
-- InconsistentStateException). Nothing here raises on a stale etag.
-- Re-applying this script is harmless.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_type_hash    integer     NOT NULL,
    grain_id_hash      integer     NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NULL,
    payload            bytea       NULL,
    version            integer     NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    modified_at        timestamptz NOT NULL DEFAULT now()
);

-- One record per logical key; a NULL extension counts as a value (PostgreSQL 15+).
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_key_uq
    ON orleans_grain_state (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
                            service_id, grain_type, grain_id_extension)
    NULLS NOT DISTINCT;

-- Insert-if-absent (expected version NULL) or compare-and-swap on the version.
-- Returns the new version, or NULL on a version conflict.
CREATE OR REPLACE FUNCTION orleans_grain_state_write(
    p_grain_id_hash      integer,
    p_grain_id_n0        bigint,
    p_grain_id_n1        bigint,
    p_grain_type_hash    integer,
    p_grain_type         text,
    p_grain_id_extension text,
    p_service_id         text,
    p_expected_version   integer,
    p_payload            bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleans_grain_state AS s
            (service_id, grain_type, grain_type_hash, grain_id_hash,
             grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
        VALUES
            (p_service_id, p_grain_type, p_grain_type_hash, p_grain_id_hash,
             p_grain_id_n0, p_grain_id_n1, p_grain_id_extension, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING s.version INTO new_version;
    ELSE
        UPDATE orleans_grain_state AS s
        SET payload = p_payload,
            version = s.version + 1,
            modified_at = now()
        WHERE s.grain_id_hash = p_grain_id_hash
          AND s.grain_type_hash = p_grain_type_hash
          AND s.grain_id_n0 = p_grain_id_n0
          AND s.grain_id_n1 = p_grain_id_n1
          AND s.service_id = p_service_id
          AND s.grain_type = p_grain_type
          AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
          AND s.version = p_expected_version
        RETURNING s.version INTO new_version;
    END IF;

    RETURN new_version;
END;
$fn$;

-- Keeps the record but drops its payload; returns the new version or NULL.
CREATE OR REPLACE FUNCTION orleans_grain_state_clear(
    p_grain_id_hash      integer,
    p_grain_id_n0        bigint,
    p_grain_id_n1        bigint,
    p_grain_type_hash    integer,
    p_grain_type         text,
    p_grain_id_extension text,
    p_service_id         text,
    p_expected_version   integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        RETURN NULL;
    END IF;

    UPDATE orleans_grain_state AS s
    SET payload = NULL,
        version = s.version + 1,
        modified_at = now()
    WHERE s.grain_id_hash = p_grain_id_hash
      AND s.grain_type_hash = p_grain_type_hash
      AND s.grain_id_n0 = p_grain_id_n0
      AND s.grain_id_n1 = p_grain_id_n1
      AND s.service_id = p_service_id
      AND s.grain_type = p_grain_type
      AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
      AND s.version = p_expected_version
    RETURNING s.version INTO new_version;

    RETURN new_version;
END;
$fn$;

-- Removes the record (DeleteStateOnClear = true). Returns the deleted
-- version + 1 so the provider sees a changed version, or NULL on a conflict.
CREATE OR REPLACE FUNCTION orleans_grain_state_delete(
    p_grain_id_hash      integer,
    p_grain_id_n0        bigint,
    p_grain_id_n1        bigint,
    p_grain_type_hash    integer,
    p_grain_type         text,
    p_grain_id_extension text,
    p_service_id         text,
    p_expected_version   integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    deleted_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        RETURN NULL;
    END IF;

    DELETE FROM orleans_grain_state AS s
    WHERE s.grain_id_hash = p_grain_id_hash
      AND s.grain_type_hash = p_grain_type_hash
      AND s.grain_id_n0 = p_grain_id_n0
      AND s.grain_id_n1 = p_grain_id_n1
      AND s.service_id = p_service_id
      AND s.grain_type = p_grain_type
      AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
      AND s.version = p_expected_version
    RETURNING s.version INTO deleted_version;

    RETURN deleted_version + 1;
END;
$fn$;

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'ReadFromStorageKey',
    $q$SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
FROM orleans_grain_state AS s
WHERE s.grain_id_hash = @GrainIdHash
  AND s.grain_type_hash = @GrainTypeHash
  AND s.grain_id_n0 = @GrainIdN0
  AND s.grain_id_n1 = @GrainIdN1
  AND s.service_id = @ServiceId
  AND s.grain_type = @GrainTypeString
  AND s.grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text);$q$
),
(
    'WriteToStorageKey',
    $q$SELECT orleans_grain_state_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion";$q$
),
(
    'ClearStorageKey',
    $q$SELECT orleans_grain_state_clear(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion) AS "NewGrainStateVersion";$q$
),
(
    'DeleteStorageKey',
    $q$SELECT orleans_grain_state_delete(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion) AS "NewGrainStateVersion";$q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
