-- Log readers wait only for the transactions that write events, not for every transaction in the cluster.
--
-- rf_log_horizon (0004) proved a drawn position final with an xid taken after it and a later snapshot whose xmin had
-- passed that xid: any open transaction with an xid, even one that never touches the store, held every reader back,
-- and each confirmation consumed an xid. rf_log_mark reads instead which transactions hold ROW EXCLUSIVE on
-- rf_events: every INSERT and COPY into the table takes that lock before it draws a global_seq and keeps it until
-- its transaction ends (the argument is in io.rillflow.events.internal.LogReader). Writers need no change, so
-- writers of every version, this one's and older ones during a rolling upgrade, are covered alike.
--
-- Appends also publish the first global_seq they drew, as a shared transaction-level advisory lock
-- (hashtext('rf_first:' || channel), low 32 bits of the seq), so that a reader can read committed events below the
-- oldest append still in flight at once, even a reader that has just started. rf_append below does it; the
-- one-statement appends of io.rillflow.events.internal.AppendWriter too. A writer that does not publish (a previous
-- version's, a user's own INSERT) only makes readers wait for it as a whole.
--
-- rf_log_horizon stays: readers of the previous version still call it during a rolling upgrade.

-- The sequence's last drawn value, then (when p_known is below it, or p_waiting) one read of pg_locks: the virtual
-- transaction ids of the transactions that hold ROW EXCLUSIVE on rf_events, and the first positions appends in
-- flight published ('vxid objid', objid holding the seq's low 32 bits offset by 2^31). The function's statements run
-- one after the other, so pg_locks is read after the sequence. Takes no xid.
CREATE FUNCTION ${schema}.rf_log_mark(p_known bigint, p_waiting boolean, p_channel text)
RETURNS TABLE (last_drawn bigint, writers text[], firsts text[])
LANGUAGE plpgsql AS $fn$
DECLARE
    db oid;
BEGIN
    last_drawn := coalesce(
        pg_sequence_last_value(pg_get_serial_sequence('${schema}.rf_events', 'global_seq')::regclass), 0);
    IF last_drawn > p_known OR p_waiting THEN
        SELECT d.oid INTO db FROM pg_database d WHERE d.datname = current_database();
        WITH l AS MATERIALIZED (
            SELECT * FROM pg_locks WHERE database = db AND granted AND locktype IN ('relation', 'advisory')
        )
        SELECT
            ARRAY(SELECT l.virtualtransaction FROM l
                  WHERE l.locktype = 'relation' AND l.relation = '${schema}.rf_events'::regclass
                    AND l.mode = 'RowExclusiveLock'),
            ARRAY(SELECT l.virtualtransaction || ' ' || l.objid::text FROM l
                  WHERE l.locktype = 'advisory' AND l.objsubid = 2
                    AND l.classid = (hashtext('rf_first:' || p_channel)::bigint & 4294967295)::oid)
        INTO writers, firsts;
    END IF;
    RETURN NEXT;
END
$fn$;

-- As in 0007, and publishes the first position it drew (see above).
CREATE OR REPLACE FUNCTION ${schema}.rf_append(
    p_stream          uuid,
    p_stream_type     text,
    p_expected        bigint,
    p_types           text[],
    p_type_versions   integer[],
    p_bodies          jsonb[],
    p_headers         jsonb,
    p_causation_id    uuid,
    p_correlation_id  uuid,
    p_idempotency_key text,
    p_lock            boolean,
    p_channel         text)
RETURNS TABLE (stream_version bigint, first_global_seq bigint, last_global_seq bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
    n        bigint := cardinality(p_bodies);
    base     bigint;
    first    bigint;
    last     bigint;
    attempts integer := 0;
BEGIN
    -- Log readers rely on every writer holding its xid before it draws a global_seq.
    PERFORM pg_current_xact_id();
    IF pg_try_advisory_xact_lock(hashtextextended('rf_wake:' || p_channel, 0)) THEN
        PERFORM pg_notify(p_channel, '');
    END IF;
    IF p_lock THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('rf_stream:' || p_stream::text, 0));
    END IF;
    IF p_idempotency_key IS NOT NULL THEN
        INSERT INTO ${schema}.rf_idempotency_keys (stream_id, key) VALUES (p_stream, p_idempotency_key)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'RF002',
                MESSAGE = format('idempotency key %s already used on stream %s', p_idempotency_key, p_stream);
        END IF;
    END IF;
    IF p_expected IN (-1, 0) THEN
        INSERT INTO ${schema}.rf_streams (id, type) VALUES (p_stream, p_stream_type) ON CONFLICT DO NOTHING;
    END IF;

    LOOP
        attempts := attempts + 1;
        SELECT e.stream_seq INTO base FROM ${schema}.rf_events e
        WHERE e.stream_id = p_stream ORDER BY e.stream_seq DESC LIMIT 1;
        base := coalesce(base, 0);
        IF p_expected > 0 AND base >= p_expected THEN
            base := p_expected;
        END IF;
        first := NULL;
        IF p_expected = -1 OR (p_expected = -2 AND base > 0) OR p_expected = base THEN
            INSERT INTO ${schema}.rf_events
                (stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id)
            VALUES (p_stream, base + 1, p_types[1], p_type_versions[1], p_bodies[1], coalesce(p_headers, '{}'::jsonb),
                    p_causation_id, p_correlation_id)
            ON CONFLICT DO NOTHING
            RETURNING global_seq INTO first;
        END IF;
        -- "Any version" and "stream exists" try again: each lost race means another writer's append committed.
        EXIT WHEN first IS NOT NULL OR p_expected >= 0 OR (p_expected = -2 AND base = 0) OR attempts >= 100;
    END LOOP;

    IF first IS NULL THEN
        SELECT e.stream_seq INTO base FROM ${schema}.rf_events e
        WHERE e.stream_id = p_stream ORDER BY e.stream_seq DESC LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'RF001',
            MESSAGE = format('stream %s: expected version %s, actual %s', p_stream, p_expected, coalesce(base, 0)),
            DETAIL = coalesce(base, 0)::text;
    END IF;

    -- Published once the first position is drawn; held, like the rows, until the transaction (or the
    -- subtransaction that wrote them, if it rolls back) ends.
    PERFORM pg_advisory_xact_lock_shared(hashtext('rf_first:' || p_channel), (first % 4294967296 - 2147483648)::int4);
    last := first;
    IF n > 1 THEN
        WITH rest AS (
            INSERT INTO ${schema}.rf_events
                (stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id)
            SELECT p_stream, base + e.ord, e.type, e.type_version, e.body, coalesce(p_headers, '{}'::jsonb),
                   p_causation_id, p_correlation_id
            FROM unnest(p_types, p_type_versions, p_bodies) WITH ORDINALITY AS e(type, type_version, body, ord)
            WHERE e.ord > 1
            RETURNING global_seq
        )
        SELECT max(rest.global_seq) INTO last FROM rest;
    END IF;
    RETURN QUERY SELECT base + n, first, last;
END
$fn$;
