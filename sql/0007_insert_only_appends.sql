-- Insert-only appends: an append writes its event rows and nothing else.
--
-- A stream's version is the stream_seq of its last event; the primary key (stream_id, stream_seq) is the version
-- check. An append first inserts the row right after the version it expects (ON CONFLICT DO NOTHING: a concurrent
-- writer that took that position makes the append insert nothing, and the caller reports the conflict), and only
-- then the rest of its events. Every writer claims its first position this way and bases it on a committed event,
-- so the remaining rows of an append never collide. rf_streams keeps what does not change: the stream's type and
-- creation time, written once by the append that creates the stream.
--
-- The BEFORE STATEMENT trigger of 0004 is replaced by the writers themselves (io.rillflow.events.AppendWriter and
-- rf_append below): each takes its transaction id before it draws a global_seq, and one at a time wakes LISTENing
-- log readers. A trigger call cost more than the rest of a one-event append's version check.

DROP TRIGGER rf_events_before_insert ON ${schema}.rf_events;
DROP FUNCTION ${schema}.rf_events_before_insert();

ALTER TABLE ${schema}.rf_streams DROP COLUMN version, DROP COLUMN updated_at;

DROP FUNCTION ${schema}.rf_append(uuid, text, bigint, text[], integer[], jsonb[], jsonb, uuid, uuid, text, boolean);

-- One round trip per append with an idempotency key or a per-stream lock. p_expected: -1 any version, -2 the stream
-- must exist, 0 the stream must not exist, n > 0 exactly version n. p_channel: the channel LISTENing readers wait on.
-- Conflicts raise SQLSTATE RF001 (DETAIL: actual version) and RF002 (idempotency key seen before).
CREATE FUNCTION ${schema}.rf_append(
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
