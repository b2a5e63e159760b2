-- Orleans reminders (Microsoft.Orleans.Reminders.AdoNet 10.4.2).
--
-- GrainId is the full textual grain id ("type/key"), so string keys such as
-- "sa_01J..." are stored verbatim. GrainHash is the grain's uniform hash
-- reinterpreted as a signed 32-bit integer; the provider picks the range query
-- by comparing the signed begin/end values, so ranges are evaluated on the
-- signed column: (begin, end] when begin < end, otherwise the wrapping range.
-- Period is in milliseconds (the provider binds int or bigint). Version is the
-- reminder etag. Re-applying this script is harmless.

CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    version       integer     NOT NULL,
    modified_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_reminders_pkey PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_service_hash_ix
    ON orleans_reminders (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'ReadReminderRowsKey',
    $q$SELECT r.grain_id AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time AS "StartTime",
       r.period AS "Period",
       r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId;$q$
),
(
    'ReadReminderRowKey',
    $q$SELECT r.grain_id AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time AS "StartTime",
       r.period AS "Period",
       r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId
  AND r.reminder_name = @ReminderName;$q$
),
(
    'ReadRangeRows1Key',
    $q$SELECT r.grain_id AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time AS "StartTime",
       r.period AS "Period",
       r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId
  AND r.grain_hash > @BeginHash
  AND r.grain_hash <= @EndHash;$q$
),
(
    'ReadRangeRows2Key',
    $q$SELECT r.grain_id AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time AS "StartTime",
       r.period AS "Period",
       r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId
  AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash);$q$
),
(
    'UpsertReminderRowKey',
    $q$INSERT INTO orleans_reminders AS r
    (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT ON CONSTRAINT orleans_reminders_pkey DO UPDATE
SET grain_hash = EXCLUDED.grain_hash,
    start_time = EXCLUDED.start_time,
    period = EXCLUDED.period,
    version = r.version + 1,
    modified_at = now()
RETURNING r.version AS "Version";$q$
),
(
    'DeleteReminderRowKey',
    $q$WITH removed AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS "Deleted";$q$
),
(
    'DeleteReminderRowsKey',
    $q$DELETE FROM orleans_reminders
WHERE service_id = @ServiceId;$q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
