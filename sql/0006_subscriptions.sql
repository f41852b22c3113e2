-- Subscriptions: filtered tails of the event log handed to application code, shared by consumer groups.

-- One row per subscription: what it delivers (a filter, as JSON) and where a new group starts.
CREATE TABLE ${schema}.rf_subscriptions (
    name        text        PRIMARY KEY,
    filter      jsonb       NOT NULL,
    start_from  bigint      NOT NULL CHECK (start_from >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A consumer group of a subscription: its own progress, independent of other groups. The log is split by stream
-- into a fixed number of slots, each with its own checkpoint and lease, so a stream's events go to one worker in
-- order and a slot moves to another worker when its holder dies.
CREATE TABLE ${schema}.rf_subscription_groups (
    subscription    text        NOT NULL REFERENCES ${schema}.rf_subscriptions (name) ON DELETE CASCADE,
    name            text        NOT NULL,
    slots           integer     NOT NULL CHECK (slots BETWEEN 1 AND 1024),
    max_in_flight   integer     CHECK (max_in_flight > 0),
    paused          boolean     NOT NULL DEFAULT false,
    last_error      text,
    last_error_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription, name)
);

-- One row per slot of a group. in_flight counts the events delivered from the slot and not yet acknowledged; the
-- group's sum is bounded by max_in_flight. A fencing token that changes with every new holder (and on reset) makes
-- a checkpoint write of a worker that lost the slot match no row.
CREATE TABLE ${schema}.rf_subscription_slots (
    subscription    text        NOT NULL,
    grp             text        NOT NULL,
    slot            integer     NOT NULL,
    last_seq        bigint      NOT NULL CHECK (last_seq >= 0),
    in_flight       integer     NOT NULL DEFAULT 0 CHECK (in_flight >= 0),
    lease_holder    text,
    lease_expires   timestamptz,
    fencing_token   bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription, grp, slot),
    FOREIGN KEY (subscription, grp) REFERENCES ${schema}.rf_subscription_groups (subscription, name) ON DELETE CASCADE
);

-- The live workers of a group, so each can take its fair share of the slots (slots / live workers).
CREATE TABLE ${schema}.rf_subscription_workers (
    subscription    text        NOT NULL,
    grp             text        NOT NULL,
    worker          text        NOT NULL,
    expires         timestamptz NOT NULL,
    PRIMARY KEY (subscription, grp, worker),
    FOREIGN KEY (subscription, grp) REFERENCES ${schema}.rf_subscription_groups (subscription, name) ON DELETE CASCADE
);

-- The slot of a stream: stable for a given number of slots, so a stream's events always share one checkpoint.
CREATE FUNCTION ${schema}.rf_subscription_slot(p_stream uuid, p_slots integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT ((hashtext(p_stream::text) % p_slots) + p_slots) % p_slots
$fn$;
