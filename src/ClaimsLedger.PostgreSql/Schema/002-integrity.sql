-- ClaimsLedger PostgreSQL schema, version 2: the hash chain (docs/integrity.md).
-- Each event keeps its chain hash and the hash before it; the head keeps the last hash. The upgrade from version 1
-- computes the hashes of the events already held, in the same transaction.
ALTER TABLE __schema__.events ADD COLUMN hash bytea;
ALTER TABLE __schema__.events ADD COLUMN previous_hash bytea;
ALTER TABLE __schema__.head ADD COLUMN hash bytea;
