using ClaimsLedger.Storage;

namespace ClaimsLedger.Integrity;

/// <summary>
/// Checks events one by one against the chain rules. Keeps only what was asked for: the tree root in O(log n) memory,
/// or every leaf hash when a proof needs the tree; the event with one id; the chain hash at one size.
/// </summary>
internal sealed class ChainWalk(LedgerDigest? extends)
{
    private readonly MerkleFrontier _frontier = new();
    private byte[] _previous = EventHash.Genesis.ToArray();
    private DateTimeOffset _lastRecordedAt = DateTimeOffset.MinValue;
    private RecordedEvent? _last;

    public long Count { get; private set; }

    /// <summary>Every leaf hash, in order, when <see cref="KeepLeaves"/> is set; else empty.</summary>
    public List<byte[]> Leaves { get; } = [];

    public bool KeepLeaves { get; init; }

    /// <summary>Keep the event with this id, and its 0-based index, when met.</summary>
    public Guid? Find { get; init; }

    public (RecordedEvent Event, int Index)? Found { get; private set; }

    /// <summary>Keep the chain hash at this size, when reached.</summary>
    public long? HashAtSize { get; init; }

    public byte[]? HashAt { get; private set; }

    public DateTimeOffset? RecordedAtAt { get; private set; }

    /// <summary>The first problem at this event, or null when it extends the chain.</summary>
    public IntegrityBreak? Step(RecordedEvent e)
    {
        var sequence = Count + 1;
        if (e.Hash.IsEmpty)
        {
            return Break(sequence, e, IntegrityProblem.Unhashed, "the event carries no hash");
        }

        if (e.Sequence != sequence)
        {
            return Break(sequence, e, IntegrityProblem.Missing,
                e.Sequence > sequence
                    ? $"expected sequence {sequence}, found {e.Sequence}: {e.Sequence - sequence} event(s) before it are missing"
                    : $"expected sequence {sequence}, found {e.Sequence}: the event is out of order");
        }

        if (!e.PreviousHash.Span.SequenceEqual(_previous))
        {
            return Break(sequence, e, IntegrityProblem.Link,
                $"its previous hash {EventHash.ToHex(e.PreviousHash.Span)} is not the hash of the event before it " +
                $"({EventHash.ToHex(_previous)}): an event was removed, inserted or reordered");
        }

        var computed = EventHash.Compute(sequence, e.Stream.Value, e.StreamVersion, e.Type, e.EventId, e.RecordedAt,
            e.Data.Span, e.Metadata.Span, e.PreviousHash.Span);
        if (!e.Hash.Span.SequenceEqual(computed))
        {
            return Break(sequence, e, IntegrityProblem.Content,
                $"its content hashes to {EventHash.ToHex(computed)}, not to its recorded hash {EventHash.ToHex(e.Hash.Span)}: " +
                "its payload, metadata, recordedAt, stream, type, version or id was changed");
        }

        if (e.RecordedAt < _lastRecordedAt)
        {
            return Break(sequence, e, IntegrityProblem.RecordedAt,
                $"recorded at {e.RecordedAt:O}, before the event before it ({_lastRecordedAt:O})");
        }

        Count = sequence;
        _previous = computed;
        _lastRecordedAt = e.RecordedAt;
        _last = e;
        var leaf = MerkleTree.LeafHash(computed);
        _frontier.Add(leaf);
        if (KeepLeaves)
        {
            Leaves.Add(leaf);
        }

        if (Find == e.EventId && Found is null)
        {
            Found = (e, checked((int)(sequence - 1)));
        }

        if (HashAtSize == sequence)
        {
            HashAt = computed;
            RecordedAtAt = e.RecordedAt;
        }

        return extends is { } digest && digest.Size == sequence ? CheckDigest(digest, e) : null;
    }

    public IntegrityReport Finish()
    {
        if (extends is { } digest && digest.Size > Count)
        {
            var broken = new IntegrityBreak(Count + 1, _last?.Position ?? GlobalPosition.Start, IntegrityProblem.Digest,
                $"the ledger holds {Count} events, fewer than the digest's {digest.Size}: events were removed from its end");
            return new IntegrityReport(Count, null, broken);
        }

        return new IntegrityReport(Count, Count == 0 ? null : Head(), null);
    }

    public LedgerDigest Head() => new(Count, EventHash.ToHex(_previous), EventHash.ToHex(_frontier.Root()), _lastRecordedAt);

    // The whole digest must match: its hash and root, and its recordedAt too (they are all published).
    private IntegrityBreak? CheckDigest(LedgerDigest digest, RecordedEvent e)
    {
        var here = Head();
        return here == digest
            ? null
            : Break(here.Size, e, IntegrityProblem.Digest,
                $"at size {here.Size} the ledger's digest is {here}, not the published {digest}");
    }

    private static IntegrityBreak Break(long sequence, RecordedEvent e, IntegrityProblem problem, string message) =>
        new(sequence, e.Position, problem, message);
}
