-- ClaimsLedger SQLite schema, version 2: the hash chain (docs/integrity.md).
-- Each event keeps its chain hash and the hash before it; the head keeps the last hash. The upgrade from version 1
-- computes the hashes of the events already held, in the same transaction.
ALTER TABLE ledger_events ADD COLUMN hash BLOB;
ALTER TABLE ledger_events ADD COLUMN previous_hash BLOB;
ALTER TABLE ledger_head ADD COLUMN hash BLOB;
