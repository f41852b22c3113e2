-- Conjoined events: every event table gets the tenant column, first in every key, so two tenants can use the same
-- stream id, alias and idempotency key. Rows written before the schema became conjoined belong to '*DEFAULT*', the
-- tenant of the store the builder makes. A constant default adds the column without rewriting the table.
--
-- The keys lead with tenant_id, then stream_id: the tables stay distributable, by tenant (Citus's usual choice for
-- multi-tenant tables) or, within a tenant, by stream. global_seq stays one identity for the whole table, so the log
-- readers of 0008 (rf_log_mark and the first positions appends publish) serve every tenant alike.

ALTER TABLE ${schema}.rf_streams ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*';
ALTER TABLE ${schema}.rf_streams DROP CONSTRAINT rf_streams_pkey, ADD PRIMARY KEY (tenant_id, id);
DROP INDEX ${schema}.rf_streams_type;
CREATE INDEX rf_streams_type ON ${schema}.rf_streams (tenant_id, type);

ALTER TABLE ${schema}.rf_events ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*';
ALTER TABLE ${schema}.rf_events DROP CONSTRAINT rf_events_pkey, ADD PRIMARY KEY (tenant_id, stream_id, stream_seq);
-- A tenant's readAll reads its events in global order.
CREATE INDEX rf_events_tenant_global_seq ON ${schema}.rf_events (tenant_id, global_seq);

ALTER TABLE ${schema}.rf_idempotency_keys ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*';
ALTER TABLE ${schema}.rf_idempotency_keys DROP CONSTRAINT rf_idempotency_keys_pkey,
    ADD PRIMARY KEY (tenant_id, stream_id, key);

ALTER TABLE ${schema}.rf_stream_aliases ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*';
ALTER TABLE ${schema}.rf_stream_aliases DROP CONSTRAINT rf_stream_aliases_pkey, ADD PRIMARY KEY (tenant_id, alias);
DROP INDEX ${schema}.rf_stream_aliases_stream;
CREATE INDEX rf_stream_aliases_stream ON ${schema}.rf_stream_aliases (tenant_id, stream_id);

ALTER TABLE ${schema}.rf_snapshots ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*';
ALTER TABLE ${schema}.rf_snapshots DROP CONSTRAINT rf_snapshots_pkey, ADD PRIMARY KEY (tenant_id, stream_id);

-- rf_append of 0008 with the tenant: p_tenant names the tenant of every row it reads and writes, and the stream's
-- advisory lock is the tenant's stream's ('rf_stream:' || tenant || ':' || stream), so the same stream id in two
-- tenants never waits on one lock. A function of its own name, so that a core migration that replaces rf_append
-- cannot drop the tenant from a conjoined schema's appends.
CREATE FUNCTION ${schema}.rf_append_tenant(
    p_tenant          text,
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
    IF p_tenant IS NULL THEN
        RAISE EXCEPTION 'rf_append_tenant: the tenant must not be null';
    END IF;
    -- Log readers rely on every writer holding its xid before it draws a global_seq.
    PERFORM pg_current_xact_id();
    IF pg_try_advisory_xact_lock(hashtextextended('rf_wake:' || p_channel, 0)) THEN
        PERFORM pg_notify(p_channel, '');
    END IF;
    IF p_lock THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('rf_stream:' || p_tenant || ':' || p_stream::text, 0));
    END IF;
    IF p_idempotency_key IS NOT NULL THEN
        INSERT INTO ${schema}.rf_idempotency_keys (tenant_id, stream_id, key)
        VALUES (p_tenant, p_stream, p_idempotency_key)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'RF002',
                MESSAGE = format('idempotency key %s already used on stream %s', p_idempotency_key, p_stream);
        END IF;
    END IF;
    IF p_expected IN (-1, 0) THEN
        INSERT INTO ${schema}.rf_streams (tenant_id, id, type) VALUES (p_tenant, p_stream, p_stream_type)
        ON CONFLICT DO NOTHING;
    END IF;

    LOOP
        attempts := attempts + 1;
        SELECT e.stream_seq INTO base FROM ${schema}.rf_events e
        WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream ORDER BY e.stream_seq DESC LIMIT 1;
        base := coalesce(base, 0);
        IF p_expected > 0 AND base >= p_expected THEN
            base := p_expected;
        END IF;
        first := NULL;
        IF p_expected = -1 OR (p_expected = -2 AND base > 0) OR p_expected = base THEN
            INSERT INTO ${schema}.rf_events
                (tenant_id, stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id)
            VALUES (p_tenant, p_stream, base + 1, p_types[1], p_type_versions[1], p_bodies[1],
                    coalesce(p_headers, '{}'::jsonb), p_causation_id, p_correlation_id)
            ON CONFLICT DO NOTHING
            RETURNING global_seq INTO first;
        END IF;
        -- "Any version" and "stream exists" try again: each lost race means another writer's append committed.
        EXIT WHEN first IS NOT NULL OR p_expected >= 0 OR (p_expected = -2 AND base = 0) OR attempts >= 100;
    END LOOP;

    IF first IS NULL THEN
        SELECT e.stream_seq INTO base FROM ${schema}.rf_events e
        WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream ORDER BY e.stream_seq DESC LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'RF001',
            MESSAGE = format('stream %s: expected version %s, actual %s', p_stream, p_expected, coalesce(base, 0)),
            DETAIL = coalesce(base, 0)::text;
    END IF;

    PERFORM pg_advisory_xact_lock_shared(hashtext('rf_first:' || p_channel), (first % 4294967296 - 2147483648)::int4);
    last := first;
    IF n > 1 THEN
        WITH rest AS (
            INSERT INTO ${schema}.rf_events
                (tenant_id, stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id)
            SELECT p_tenant, p_stream, base + e.ord, e.type, e.type_version, e.body, coalesce(p_headers, '{}'::jsonb),
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

-- rf_append keeps its signature for writers that call it by name (a node of the previous version during the switch
-- to conjoined): it appends to the default tenant, whose rows it can then tell from the other tenants'.
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
LANGUAGE sql AS $fn$
    SELECT * FROM ${schema}.rf_append_tenant('*DEFAULT*', p_stream, p_stream_type, p_expected, p_types,
        p_type_versions, p_bodies, p_headers, p_causation_id, p_correlation_id, p_idempotency_key, p_lock, p_channel);
$fn$;
