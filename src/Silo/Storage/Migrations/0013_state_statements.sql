-- A grain-state delete (DeleteStateOnClear) as one plain statement instead of a call to orleans_grain_state_delete,
-- as 0009 did for writes: every schedule request clears its batch's state, and the PL/pgSQL call cost about half as
-- much again as the DELETE inside it. Same contract: the deleted version + 1, or NULL when no row had the expected
-- version (or none was expected). The function stays for silos still running the previous query.
--
-- The write of 0009 again, with each branch gated on the expected version alone: a new record (no version expected)
-- no longer looks for a row to update under the unique key it is about to insert, and an update no longer prepares
-- an insert it discards. Same contract as 0009.

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'DeleteStorageKey',
    $q$WITH deleted AS (
    DELETE FROM orleans_grain_state AS s
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
SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion";$q$
),
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
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL
      AND s.grain_id_hash = CAST(@GrainIdHash AS integer)
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
