-- Aggregate snapshots: the latest folded state of a stream as JSON, with the stream version it was folded up to and
-- the shape it was written with (declared schema version and a hash of the state's fields). A reader asks for its own
-- shape only, so a snapshot of an older aggregate shape is ignored, never misread.
CREATE TABLE ${schema}.rf_snapshots (
    stream_id       uuid        PRIMARY KEY,
    aggregate_type  text        NOT NULL,
    stream_version  bigint      NOT NULL,
    schema_version  integer     NOT NULL,
    shape           text        NOT NULL,
    state           jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- The snapshotter looks for long streams of one aggregate type.
CREATE INDEX rf_streams_type ON ${schema}.rf_streams (type);
