-- Projections: one row of state per projection, dead letters, and what log readers need from the events table.

-- Every write to rf_events gets its transaction id before any global_seq is drawn (a BEFORE STATEMENT trigger runs
-- before the first row's identity default is evaluated). Log readers rely on that order: a transaction holding a
-- global_seq at or below a position read from the sequence already has an xid lower than any xid assigned after
-- that read. The same trigger wakes LISTENing readers; PostgreSQL delivers the notification at commit only, once per
-- transaction, and drops it on rollback.
-- Only one transaction at a time notifies (the one holding the try-lock): a notifying commit takes a database-wide
-- lock until it is durable, so if every append notified, concurrent appends would commit one by one (measured: half
-- the throughput of 10-event appends on 8 threads). Appends that skip the notification are picked up by the reader
-- that the notifying one woke, or by its next poll.
CREATE FUNCTION ${schema}.rf_events_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_current_xact_id();
    IF pg_try_advisory_xact_lock(hashtextextended('rf_events_notify:' || TG_TABLE_SCHEMA, 0)) THEN
        PERFORM pg_notify(left('rf_events_' || TG_TABLE_SCHEMA, 63), '');
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER rf_events_before_insert BEFORE INSERT ON ${schema}.rf_events
    FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.rf_events_before_insert();

-- The log horizon: the highest global_seq drawn so far (committed, in flight or rolled back) and, when it is above
-- p_known, an xid assigned after reading it. Called in its own short transaction; once every transaction older than
-- that xid has ended (pg_snapshot_xmin has passed it), every event up to the position is final: committed and
-- visible, or gone for good. See io.rillflow.events.LogReader.
CREATE FUNCTION ${schema}.rf_log_horizon(p_known bigint)
RETURNS TABLE (last_drawn bigint, marker xid8)
LANGUAGE plpgsql AS $fn$
BEGIN
    last_drawn := coalesce(
        pg_sequence_last_value(pg_get_serial_sequence('${schema}.rf_events', 'global_seq')::regclass), 0);
    IF last_drawn > p_known THEN
        marker := pg_current_xact_id();
    END IF;
    RETURN NEXT;
END
$fn$;

-- One row per projection: checkpoint, control, lease and retry state together, so the fencing check, the lease
-- renewal and the checkpoint are one UPDATE of one row, and a batch serializes with other nodes by locking it.
CREATE TABLE ${schema}.rf_projections (
    name            text        PRIMARY KEY,
    last_seq        bigint      NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    paused          boolean     NOT NULL DEFAULT false,
    lease_holder    text,
    lease_expires   timestamptz,
    fencing_token   bigint      NOT NULL DEFAULT 0,
    attempts        integer     NOT NULL DEFAULT 0,
    backoff_until   timestamptz,
    last_error      text,
    last_error_at   timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Events a projection gave up on. The event itself stays in rf_events; this row points at it and keeps the error.
CREATE TABLE ${schema}.rf_projection_dead_letters (
    projection  text        NOT NULL REFERENCES ${schema}.rf_projections (name) ON DELETE CASCADE,
    global_seq  bigint      NOT NULL,
    stream_id   uuid        NOT NULL,
    stream_seq  bigint      NOT NULL,
    event_type  text        NOT NULL,
    error       text        NOT NULL,
    attempts    integer     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, global_seq)
);
