namespace ClaimsLedger.Snapshots;

/// <summary>A snapshot's bytes are not a snapshot this version can read, or are damaged.</summary>
/// <remarks>Never thrown to the ledger's callers: a ledger that meets one ignores the snapshot (see
/// <see cref="SnapshotOutcome.Rejected"/>).</remarks>
internal sealed class SnapshotFormatException(string message) : Exception(message);
