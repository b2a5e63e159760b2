-- A grain-state delete (DeleteStateOnClear) as one plain statement instead of a call to orleans_grain_state_delete,
-- as 0009 did for writes: every schedule request clears its batch's state, and the PL/pgSQL call cost about half as
-- much again as the DELETE inside it. Same contract: the deleted version + 1, or NULL when no row had the expected
-- version (or none was expected). The function stays for silos still running the previous query.

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
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
