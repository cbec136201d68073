using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Chain;

/// <summary>
/// Where the chain ends, as a sealer continues it: the chain stream's last revision (the expected revision of the next
/// link; null when the stream does not exist), the next sequence, the last hash, and the last chained event's position
/// and reported recordedAt (nulls before the first event).
/// </summary>
internal sealed record ChainHead(long? Revision, long NextSequence, byte[] Hash, GlobalPosition? Position,
    DateTimeOffset? RecordedAt)
{
    /// <summary>No event chained yet; <paramref name="revision"/> is the stream's last revision if it holds non-links.</summary>
    public static ChainHead Genesis(long? revision) => new(revision, 1, EventHash.Genesis.ToArray(), null, null);

    /// <summary>The head after <paramref name="link"/>, stored at <paramref name="revision"/>.</summary>
    public static ChainHead After(long revision, ChainLink link) =>
        new(revision, link.NextSequence, link.Last.Hash, link.Last.Position, link.Last.RecordedAt);

    /// <summary>True when every ledger event up to <paramref name="position"/> is chained.</summary>
    public bool Covers(GlobalPosition position) => Position is { } last && last >= position;
}
