using ClaimsLedger.Storage;

namespace ClaimsLedger.Integrity;

/// <summary>Checks events one by one against the chain rules, keeping the leaf hashes for the tree root.</summary>
internal sealed class ChainWalk(LedgerDigest? extends)
{
    private byte[] _previous = EventHash.Genesis.ToArray();
    private DateTimeOffset _lastRecordedAt = DateTimeOffset.MinValue;
    private RecordedEvent? _last;

    public long Count { get; private set; }

    public List<byte[]> Leaves { get; } = [];

    /// <summary>The chain hash of every event checked, in order.</summary>
    public List<byte[]> Hashes { get; } = [];

    /// <summary>Every event checked, when <see cref="KeepEvents"/> is set.</summary>
    public List<RecordedEvent> Events { get; } = [];

    public bool KeepEvents { get; init; }

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
        Leaves.Add(MerkleTree.LeafHash(computed));
        Hashes.Add(computed);
        if (KeepEvents)
        {
            Events.Add(e);
        }

        if (extends is { } digest && digest.Size == sequence)
        {
            var root = EventHash.ToHex(MerkleTree.Root(Leaves, Leaves.Count));
            if (digest.Hash != EventHash.ToHex(computed) || digest.Root != root)
            {
                return Break(sequence, e, IntegrityProblem.Digest,
                    $"at size {sequence} the ledger's hash is {EventHash.ToHex(computed)} and its tree root {root}, " +
                    $"not the digest's {digest.Hash} and {digest.Root}");
            }
        }

        return null;
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

    public LedgerDigest Head() =>
        new(Count, EventHash.ToHex(_previous), EventHash.ToHex(MerkleTree.Root(Leaves, Leaves.Count)), _lastRecordedAt);

    private static IntegrityBreak Break(long sequence, RecordedEvent e, IntegrityProblem problem, string message) =>
        new(sequence, e.Position, problem, message);
}
