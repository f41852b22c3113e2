-- Rillflow core schema: streams, events, idempotency keys, stream aliases and the server-side helpers.
-- ${schema} is replaced with the store's quoted schema name when the migration is applied.

CREATE TABLE ${schema}.rf_streams (
    id          uuid        PRIMARY KEY,
    type        text,
    version     bigint      NOT NULL,
    archived    boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The primary key leads with stream_id so the table stays distributable by stream (no cross-shard uniqueness);
-- global_seq is unique by construction (identity) and indexed for log readers.
CREATE TABLE ${schema}.rf_events (
    global_seq      bigint      GENERATED ALWAYS AS IDENTITY,
    stream_id       uuid        NOT NULL,
    stream_seq      bigint      NOT NULL,
    type            text        NOT NULL,
    type_version    integer     NOT NULL DEFAULT 1,
    data            jsonb       NOT NULL,
    headers         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    causation_id    uuid,
    correlation_id  uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (stream_id, stream_seq)
);
CREATE INDEX rf_events_global_seq ON ${schema}.rf_events (global_seq);
CREATE INDEX rf_events_type_global_seq ON ${schema}.rf_events (type, global_seq);

CREATE TABLE ${schema}.rf_idempotency_keys (
    stream_id   uuid        NOT NULL,
    key         text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, key)
);

CREATE TABLE ${schema}.rf_stream_aliases (
    alias       text        PRIMARY KEY,
    stream_id   uuid        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rf_stream_aliases_stream ON ${schema}.rf_stream_aliases (stream_id);

-- jsonb_set only creates the last key of a path; this creates every missing parent object on the way.
CREATE FUNCTION ${schema}.rf_jsonb_set_deep(target jsonb, path text[], value jsonb)
RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    head  text;
    child jsonb;
BEGIN
    IF cardinality(path) = 0 THEN
        RETURN value;
    END IF;
    head := path[1];
    IF jsonb_typeof(target) = 'array' AND head ~ '^[0-9]+$' THEN
        child := target -> head::int;
        RETURN jsonb_set(target, ARRAY[head],
                         ${schema}.rf_jsonb_set_deep(coalesce(child, '{}'::jsonb), path[2:], value), true);
    END IF;
    IF target IS NULL OR jsonb_typeof(target) <> 'object' THEN
        target := '{}'::jsonb;
    END IF;
    child := target -> head;
    IF cardinality(path) > 1 AND (child IS NULL OR jsonb_typeof(child) NOT IN ('object', 'array')) THEN
        child := '{}'::jsonb;
    END IF;
    RETURN target || jsonb_build_object(head, ${schema}.rf_jsonb_set_deep(child, path[2:], value));
END
$fn$;

-- One round trip per append: optional per-stream lock, idempotency key, version check and all event rows.
-- p_expected: -1 any version, -2 the stream must exist, 0 the stream must not exist, n > 0 exactly version n.
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
    p_lock            boolean)
RETURNS TABLE (stream_version bigint, first_global_seq bigint, last_global_seq bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
    n           bigint := cardinality(p_bodies);
    new_version bigint;
    actual      bigint;
BEGIN
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

    IF p_expected = -1 THEN
        INSERT INTO ${schema}.rf_streams AS s (id, type, version) VALUES (p_stream, p_stream_type, n)
        ON CONFLICT (id) DO UPDATE SET version = s.version + n, updated_at = now()
        RETURNING s.version INTO new_version;
    ELSIF p_expected = 0 THEN
        INSERT INTO ${schema}.rf_streams (id, type, version) VALUES (p_stream, p_stream_type, n)
        ON CONFLICT (id) DO NOTHING
        RETURNING version INTO new_version;
    ELSIF p_expected = -2 THEN
        UPDATE ${schema}.rf_streams SET version = version + n, updated_at = now()
        WHERE id = p_stream
        RETURNING version INTO new_version;
    ELSE
        UPDATE ${schema}.rf_streams SET version = version + n, updated_at = now()
        WHERE id = p_stream AND version = p_expected
        RETURNING version INTO new_version;
    END IF;

    IF new_version IS NULL THEN
        SELECT s.version INTO actual FROM ${schema}.rf_streams s WHERE s.id = p_stream;
        RAISE EXCEPTION USING ERRCODE = 'RF001',
            MESSAGE = format('stream %s: expected version %s, actual %s', p_stream, p_expected, coalesce(actual, 0)),
            DETAIL = coalesce(actual, 0)::text;
    END IF;

    RETURN QUERY
    WITH inserted AS (
        INSERT INTO ${schema}.rf_events
            (stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id)
        SELECT p_stream, new_version - n + e.ord, e.type, e.type_version, e.body,
               coalesce(p_headers, '{}'::jsonb), p_causation_id, p_correlation_id
        FROM unnest(p_types, p_type_versions, p_bodies) WITH ORDINALITY AS e(type, type_version, body, ord)
        RETURNING global_seq
    )
    SELECT new_version, min(inserted.global_seq), max(inserted.global_seq) FROM inserted;
END
$fn$;
