using ClaimsLedger.Events;

namespace ClaimsLedger;

/// <summary>An event of an exported ledger, to restore with the recordedAt and metadata it had.</summary>
/// <param name="Event">The event.</param>
/// <param name="RecordedAt">When the ledger first recorded it.</param>
/// <param name="Metadata">Its metadata (a UTF-8 JSON object), or empty to write fresh metadata.</param>
public sealed record RestoredEntry(LedgerEvent Event, DateTimeOffset RecordedAt, ReadOnlyMemory<byte> Metadata)
{
    /// <summary>
    /// The chain hash the event had in the exported ledger, or empty. When given, the metadata is kept exactly (even
    /// when empty) and the restore is refused unless the event gets this very hash again.
    /// </summary>
    public ReadOnlyMemory<byte> ExpectedHash { get; init; }
}
