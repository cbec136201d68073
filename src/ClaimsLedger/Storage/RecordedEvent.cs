namespace ClaimsLedger.Storage;

/// <summary>An event as the store holds it.</summary>
/// <param name="Stream">The stream it belongs to.</param>
/// <param name="StreamVersion">0-based revision in that stream.</param>
/// <param name="Position">Place in the store's total order.</param>
/// <param name="EventId">The id given at append.</param>
/// <param name="Type">Stable type name.</param>
/// <param name="Data">Payload (UTF-8 JSON).</param>
/// <param name="Metadata">Metadata (UTF-8 JSON; may be empty).</param>
/// <param name="RecordedAt">When the store recorded it, from the ledger clock; never decreases along positions.</param>
public sealed record RecordedEvent(
    StreamName Stream,
    long StreamVersion,
    GlobalPosition Position,
    Guid EventId,
    string Type,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> Metadata,
    DateTimeOffset RecordedAt)
{
    /// <summary>
    /// The event's 1-based place in the ledger's global order, as the hash chain numbers it (see docs/integrity.md);
    /// 0 when the store keeps no chain.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>The event's chain hash (SHA-256, 32 bytes), or empty when the store keeps no chain for it.</summary>
    public ReadOnlyMemory<byte> Hash { get; init; }

    /// <summary>The chain hash of the event before it (32 zero bytes for the first), or empty without a chain.</summary>
    public ReadOnlyMemory<byte> PreviousHash { get; init; }
}
