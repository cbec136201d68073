namespace ClaimsLedger.Storage.Sql;

/// <summary>One event row about to be inserted by an append, with everything the store assigned to it.</summary>
/// <param name="Position">Its global position (gap-free sequence number).</param>
/// <param name="Stream">Its stream.</param>
/// <param name="Version">Its 0-based revision in the stream.</param>
/// <param name="Data">The event as given to the append.</param>
/// <param name="RecordedAt">The recordedAt stamped on the whole append.</param>
public sealed record EventRow(long Position, StreamName Stream, long Version, EventData Data, DateTimeOffset RecordedAt)
{
    /// <summary>The row's chain hash, or null when the store keeps no chain.</summary>
    public byte[]? Hash { get; init; }

    /// <summary>The chain hash of the row before it, or null when the store keeps no chain.</summary>
    public byte[]? PreviousHash { get; init; }

    /// <summary>For a restored row: the hash it had in the ledger it came from, which it must get again; else empty.</summary>
    public ReadOnlyMemory<byte> ExpectedHash { get; init; }
}
