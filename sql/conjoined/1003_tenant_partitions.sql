-- rf_events becomes a table partitioned by tenant (LIST on tenant_id) whose one partition, rf_events_default, is the
-- table as it was: every row stays where it is, and a tenant given a partition of its own later
-- (Tenants.partition) gets one beside it. Nothing is copied and no index is rebuilt: the old table and its indexes are
-- renamed and attached as they are, so this takes the same time on a table of any size (an exclusive lock on
-- rf_events for the migration's transaction, while the catalog changes).
--
-- global_seq stops being an identity column: PostgreSQL before 17 allows none on a partitioned table or its
-- partitions. It takes its values from the sequence rf_global_seq instead, owned by the column (so
-- pg_get_serial_sequence, which the log readers of 0008 and imports call, finds it), set to the last position the
-- identity drew so that positions go on growing. The primary key (tenant_id, stream_id, stream_seq) already holds the
-- partition key, as a partitioned table's unique keys must.
--
-- The log readers of 0008 are unchanged: an INSERT or COPY into the partitioned rf_events takes ROW EXCLUSIVE on it,
-- the parent, as before, and every writer writes through the parent.

LOCK TABLE ${schema}.rf_events IN ACCESS EXCLUSIVE MODE;

CREATE SEQUENCE ${schema}.rf_global_seq AS bigint;
SELECT setval('${schema}.rf_global_seq', coalesce(last_drawn, 1), last_drawn IS NOT NULL)
FROM (SELECT pg_sequence_last_value(pg_get_serial_sequence('${schema}.rf_events', 'global_seq')::regclass)
    AS last_drawn) AS identity;
ALTER TABLE ${schema}.rf_events ALTER COLUMN global_seq DROP IDENTITY;

ALTER TABLE ${schema}.rf_events RENAME TO rf_events_default;
ALTER INDEX ${schema}.rf_events_pkey RENAME TO rf_events_default_pkey;
ALTER INDEX ${schema}.rf_events_global_seq RENAME TO rf_events_default_global_seq;
ALTER INDEX ${schema}.rf_events_type_global_seq RENAME TO rf_events_default_type_global_seq;
ALTER INDEX ${schema}.rf_events_tenant_global_seq RENAME TO rf_events_default_tenant_global_seq;

CREATE TABLE ${schema}.rf_events (LIKE ${schema}.rf_events_default INCLUDING DEFAULTS INCLUDING STORAGE)
    PARTITION BY LIST (tenant_id);
ALTER TABLE ${schema}.rf_events ALTER COLUMN global_seq SET DEFAULT nextval('${schema}.rf_global_seq');
ALTER SEQUENCE ${schema}.rf_global_seq OWNED BY ${schema}.rf_events.global_seq;
ALTER TABLE ${schema}.rf_events ADD PRIMARY KEY (tenant_id, stream_id, stream_seq);
CREATE INDEX rf_events_global_seq ON ${schema}.rf_events (global_seq);
CREATE INDEX rf_events_type_global_seq ON ${schema}.rf_events (type, global_seq);
CREATE INDEX rf_events_tenant_global_seq ON ${schema}.rf_events (tenant_id, global_seq);

-- Finds the renamed indexes equivalent to the new table's and attaches them, building none.
ALTER TABLE ${schema}.rf_events ATTACH PARTITION ${schema}.rf_events_default DEFAULT;
