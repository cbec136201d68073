namespace ClaimsLedger.Events;

/// <summary>
/// A fact the ledger records: a registration, a statement or a correction. Every event is immutable and,
/// once appended, never changes; its type name (see <see cref="EventTypeNames"/>) is stable across releases.
/// </summary>
public abstract record LedgerEvent;
