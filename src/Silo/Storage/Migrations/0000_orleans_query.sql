-- Registry of the SQL statements that the Orleans ADO.NET providers execute.
--
-- Contract (Microsoft.Orleans.*.AdoNet 10.4.2): every provider starts with the
-- unquoted query "SELECT QueryKey, QueryText FROM OrleansQuery", so this table
-- must be reachable unqualified through the search_path under the folded
-- (lower-case) name orleansquery. Keys are compared case-sensitively by the
-- providers; the statement text uses @Name placeholders that Npgsql binds.
--
-- Written to be safe when re-applied: a deployment that already carries a
-- compatible registry keeps it and the later scripts upsert their entries.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (querykey)
);

COMMENT ON TABLE orleansquery IS
    'Statements looked up by key by the Orleans ADO.NET providers (clustering, persistence, reminders).';
