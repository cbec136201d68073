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

    /// <summary>
    /// The exact payload bytes the exported ledger held, written as they are; empty to serialise <see cref="Event"/>.
    /// They must decode to <see cref="Event"/> (an import checks it), so a ledger written by another version of this
    /// library restores byte for byte.
    /// </summary>
    public ReadOnlyMemory<byte> StoredData { get; init; }

    internal ReadOnlyMemory<byte> Data => StoredData.IsEmpty ? Serialization.EventSerializer.Serialize(Event) : StoredData;
}
