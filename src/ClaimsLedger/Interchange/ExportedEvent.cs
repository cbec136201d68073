using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Interchange;

/// <summary>
/// The <c>ledger</c> object of an exported line: the event exactly as the exporting store holds it, with its place in
/// the hash chain, so that the line can be verified without this library (docs/integrity.md) and restored exactly.
/// </summary>
/// <param name="Sequence">Its 1-based place in the ledger's global order; 0 when the exporting store kept no chain.</param>
/// <param name="Position">Its global position in the exporting store (informative: a restore gives it a new one).</param>
/// <param name="Stream">Its stream.</param>
/// <param name="Version">Its 0-based revision in the stream.</param>
/// <param name="Type">Its event type name.</param>
/// <param name="EventId">Its id.</param>
/// <param name="RecordedAt">When the ledger recorded it.</param>
/// <param name="Data">The stored payload bytes (UTF-8 JSON; base64 in the file).</param>
/// <param name="Metadata">The stored metadata bytes (base64 in the file), possibly empty.</param>
/// <param name="PreviousHash">The chain hash before it, 64 hex digits; null without a chain.</param>
/// <param name="Hash">Its chain hash, 64 hex digits; null without a chain.</param>
public sealed record ExportedEvent(
    long Sequence,
    string Position,
    StreamName Stream,
    long Version,
    string Type,
    Guid EventId,
    DateTimeOffset RecordedAt,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> Metadata,
    string? PreviousHash,
    string? Hash)
{
    /// <summary>True when the line carries its chain hashes.</summary>
    public bool IsChained => Hash is not null && PreviousHash is not null;

    /// <summary>The event as read from a store.</summary>
    public static ExportedEvent From(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var chained = recorded.Hash.Length == EventHash.Length;
        return new ExportedEvent(chained ? recorded.Sequence : 0, recorded.Position.ToString(), recorded.Stream,
            recorded.StreamVersion, recorded.Type, recorded.EventId, recorded.RecordedAt, recorded.Data, recorded.Metadata,
            chained ? EventHash.ToHex(recorded.PreviousHash.Span) : null, chained ? EventHash.ToHex(recorded.Hash.Span) : null);
    }

    /// <summary>The chain hash its content gives, after <see cref="PreviousHash"/>.</summary>
    /// <exception cref="InvalidOperationException">The line carries no chain.</exception>
    public byte[] ComputeHash() => IsChained
        ? EventHash.Compute(Sequence, Stream.Value, Version, Type, EventId, RecordedAt, Data.Span, Metadata.Span,
            EventHash.FromHex(PreviousHash!))
        : throw new InvalidOperationException($"event {EventId} was exported without its chain hashes");
}
