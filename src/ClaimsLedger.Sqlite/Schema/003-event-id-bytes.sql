-- ClaimsLedger SQLite schema, version 3: event ids as their 16 bytes instead of 36 characters of text.
-- Event ids are hashes, so every append lands all over their unique index, and a durable commit rewrites every index
-- page it touched: the index is about half the size with 16-byte keys (50 -> 27 MB on a million events). The bytes are
-- in .NET's order (Guid.TryWriteBytes), which is how Microsoft.Data.Sqlite reads a 16-byte blob as a Guid; the text
-- form reorders the first three groups. Ids that are not a Guid's text would become NULL and fail the upgrade.
DROP INDEX ledger_events_event_id;
UPDATE ledger_events
SET event_id = unhex(substr(event_id, 7, 2) || substr(event_id, 5, 2) || substr(event_id, 3, 2) || substr(event_id, 1, 2) ||
                     substr(event_id, 12, 2) || substr(event_id, 10, 2) ||
                     substr(event_id, 17, 2) || substr(event_id, 15, 2) ||
                     substr(event_id, 20, 4) || substr(event_id, 25, 12))
WHERE typeof(event_id) = 'text';
CREATE UNIQUE INDEX ledger_events_event_id ON ledger_events (event_id);
