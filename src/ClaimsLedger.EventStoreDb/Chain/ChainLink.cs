using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Chain;

/// <summary>One ledger event as a link lists it: where it is in $all, which event, its reported recordedAt, its hash.</summary>
internal readonly record struct ChainEntry(GlobalPosition Position, Guid EventId, DateTimeOffset RecordedAt, byte[] Hash);

/// <summary>
/// One event of the chain stream: the hashes of a contiguous run of ledger events in $all order, numbered from
/// <see cref="First"/>, continuing from <see cref="Previous"/> (the hash of the event before the run; 32 zero bytes
/// before the first event). Positions strictly increase within a link; <see cref="ChainLinkJson"/> refuses one that
/// does not hold these rules.
/// </summary>
internal sealed record ChainLink(long First, byte[] Previous, IReadOnlyList<ChainEntry> Entries)
{
    public ChainEntry Last => Entries[^1];

    /// <summary>The sequence of the event after the run.</summary>
    public long NextSequence => First + Entries.Count;
}
