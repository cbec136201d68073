-- ClaimsLedger SQLite schema, version 1.
-- One row per event; position is the rowid, numbered 1, 2, 3 ... without gaps by the single writer.
CREATE TABLE ledger_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The head: the last position written and its recordedAt (UTC ticks). Appends read and move it in one transaction.
CREATE TABLE ledger_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    position    INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
);
INSERT INTO ledger_head (id, position, recorded_at) VALUES (1, 0, 0);

CREATE TABLE ledger_events (
    position    INTEGER PRIMARY KEY,
    stream      TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    event_id    BLOB    NOT NULL,
    type        TEXT    NOT NULL,
    data        BLOB    NOT NULL,
    metadata    BLOB    NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ledger_events_stream_version ON ledger_events (stream, version);
CREATE UNIQUE INDEX ledger_events_event_id ON ledger_events (event_id);

INSERT INTO ledger_meta (key, value) VALUES ('application', 'claims-ledger');
