-- ClaimsLedger PostgreSQL schema, version 1. "__schema__" is replaced by the store's (validated, quoted) schema name.
CREATE TABLE __schema__.meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- The head: last position written and its recordedAt (UTC ticks). Every append locks this row (SELECT ... FOR
-- UPDATE) for its whole transaction, so appends commit one after another in position order.
CREATE TABLE __schema__.head (
    id          integer PRIMARY KEY CHECK (id = 1),
    position    bigint  NOT NULL,
    recorded_at bigint  NOT NULL
);
INSERT INTO __schema__.head (id, position, recorded_at) VALUES (1, 0, 0);

CREATE TABLE __schema__.events (
    position    bigint PRIMARY KEY,
    stream      text   NOT NULL,
    version     bigint NOT NULL,
    event_id    uuid   NOT NULL,
    type        text   NOT NULL,
    data        bytea  NOT NULL,
    metadata    bytea  NOT NULL,
    recorded_at bigint NOT NULL,
    CONSTRAINT events_stream_version UNIQUE (stream, version),
    CONSTRAINT events_event_id UNIQUE (event_id)
);

INSERT INTO __schema__.meta (key, value) VALUES ('application', 'claims-ledger');
