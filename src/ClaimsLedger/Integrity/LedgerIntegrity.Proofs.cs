using ClaimsLedger.Recording;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Integrity;

/// <summary>Inclusion and consistency proofs.</summary>
public static partial class LedgerIntegrity
{
    /// <summary>Proves that a statement is in the ledger as published in <paramref name="at"/> (or as it is now).</summary>
    /// <exception cref="EventNotInLedgerException">The statement is not in the ledger (by the digest's size).</exception>
    /// <exception cref="LedgerIntegrityException">The chain is broken, or the ledger does not extend the digest.</exception>
    public static Task<InclusionProof> ProveStatementAsync(IEventReader store, StatementId statement, LedgerDigest? at = null,
        CancellationToken cancellationToken = default) =>
        ProveInclusionAsync(store, EventIds.FromKey("statement/" + statement.Value), at, cancellationToken,
            $"statement '{statement}'");

    /// <summary>Proves that the event with <paramref name="eventId"/> is in the ledger as published in <paramref name="at"/> (or now).</summary>
    /// <exception cref="EventNotInLedgerException">The event is not in the ledger (by the digest's size).</exception>
    /// <exception cref="LedgerIntegrityException">The chain is broken, or the ledger does not extend the digest.</exception>
    public static Task<InclusionProof> ProveEventAsync(IEventReader store, Guid eventId, LedgerDigest? at = null,
        CancellationToken cancellationToken = default) =>
        ProveInclusionAsync(store, eventId, at, cancellationToken, $"event {eventId}");

    /// <summary>Proves that the ledger as published in <paramref name="newer"/> extends the one in <paramref name="older"/>.</summary>
    /// <exception cref="LedgerIntegrityException">The ledger does not match the digests, or the chain is broken.</exception>
    public static async Task<ConsistencyProof> ProveConsistencyAsync(IEventReader store, LedgerDigest older,
        LedgerDigest newer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        if (older.Size > newer.Size)
        {
            throw new LedgerIntegrityException($"the older digest has more events ({older.Size}) than the newer ({newer.Size})");
        }

        var walk = await WalkAsync(store, new ChainWalk(newer) { KeepLeaves = true, HashAtSize = older.Size }, cancellationToken)
            .ConfigureAwait(false);
        CheckDigest(walk, older);
        var path = MerkleTree.ConsistencyProof(walk.Leaves, checked((int)older.Size), checked((int)newer.Size));
        return new ConsistencyProof(older.Size, newer.Size, older.Root, newer.Root, [.. path.Select(p => EventHash.ToHex(p))]);
    }

    private static async Task<InclusionProof> ProveInclusionAsync(IEventReader store, Guid eventId, LedgerDigest? at,
        CancellationToken cancellationToken, string what)
    {
        ArgumentNullException.ThrowIfNull(store);
        var walk = await WalkAsync(store, new ChainWalk(at) { KeepLeaves = true, Find = eventId }, cancellationToken)
            .ConfigureAwait(false);
        var size = at?.Size ?? walk.Count;
        if (walk.Found is not { } found || found.Index >= size)
        {
            throw new EventNotInLedgerException(walk.Found is null
                ? $"{what} is not in the ledger"
                : $"{what} was recorded at sequence {walk.Found.Value.Index + 1}, after the digest's {size} events");
        }

        var (e, index) = found;
        var path = MerkleTree.InclusionProof(walk.Leaves, index, checked((int)size));
        return new InclusionProof(index + 1, size, e.Stream.Value, e.StreamVersion, e.Type, e.EventId, e.RecordedAt,
            Convert.ToBase64String(e.Data.Span), Convert.ToBase64String(e.Metadata.Span), EventHash.ToHex(e.PreviousHash.Span),
            EventHash.ToHex(e.Hash.Span), [.. path.Select(p => EventHash.ToHex(p))],
            EventHash.ToHex(MerkleTree.Root(walk.Leaves, checked((int)size))));
    }

    private static async Task<ChainWalk> WalkAsync(IEventReader store, ChainWalk walk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await foreach (var e in store.ReadAllForwardsAsync(GlobalPosition.Start, cancellationToken).ConfigureAwait(false))
        {
            if (walk.Step(e) is { } broken)
            {
                throw new LedgerIntegrityException($"the ledger's chain is broken, so it proves nothing: " +
                                                   new IntegrityReport(walk.Count, null, broken));
            }
        }

        if (walk.Finish() is { Break: not null } report)
        {
            throw new LedgerIntegrityException(report.ToString());
        }

        return walk;
    }

    private static void CheckDigest(ChainWalk walk, LedgerDigest digest)
    {
        var size = checked((int)digest.Size);
        var hash = EventHash.ToHex(walk.HashAt);
        var root = EventHash.ToHex(MerkleTree.Root(walk.Leaves, size));
        if (hash != digest.Hash || root != digest.Root || walk.RecordedAtAt != digest.RecordedAt)
        {
            throw new LedgerIntegrityException(
                $"the ledger does not extend digest {digest}: at size {size} its hash is {hash}, its root {root} and its " +
                $"recordedAt {(walk.RecordedAtAt is { } at ? EventHash.RecordedAtText(at) : "unknown")}");
        }
    }
}
