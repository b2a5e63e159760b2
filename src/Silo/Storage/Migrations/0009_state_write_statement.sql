-- A grain-state write as one plain statement instead of a call to orleans_grain_state_write: measured under load,
-- the PL/pgSQL call took about as long again as the UPDATE inside it. Same contract as before: insert when no
-- version is expected, compare-and-swap on the version otherwise; the new version, or NULL on a conflict. Every
-- parameter is cast, so its type never depends on how the provider binds a NULL. The function stays for silos
-- still running the previous query.

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'WriteToStorageKey',
    $q$WITH inserted AS (
    INSERT INTO orleans_grain_state AS s
        (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT CAST(@ServiceId AS text), CAST(@GrainTypeString AS text), CAST(@GrainTypeHash AS integer), CAST(@GrainIdHash AS integer),
           CAST(@GrainIdN0 AS bigint), CAST(@GrainIdN1 AS bigint), CAST(@GrainIdExtensionString AS text), CAST(@PayloadBinary AS bytea), 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING s.version
), updated AS (
    UPDATE orleans_grain_state AS s
    SET payload = CAST(@PayloadBinary AS bytea),
        version = s.version + 1,
        modified_at = now()
    WHERE s.grain_id_hash = CAST(@GrainIdHash AS integer)
      AND s.grain_type_hash = CAST(@GrainTypeHash AS integer)
      AND s.grain_id_n0 = CAST(@GrainIdN0 AS bigint)
      AND s.grain_id_n1 = CAST(@GrainIdN1 AS bigint)
      AND s.service_id = CAST(@ServiceId AS text)
      AND s.grain_type = CAST(@GrainTypeString AS text)
      AND s.grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
      AND s.version = CAST(@GrainStateVersion AS integer)
    RETURNING s.version
)
SELECT COALESCE((SELECT version FROM inserted), (SELECT version FROM updated)) AS "NewGrainStateVersion";$q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
