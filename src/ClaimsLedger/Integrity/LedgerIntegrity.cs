using ClaimsLedger.Storage;

namespace ClaimsLedger.Integrity;

/// <summary>
/// Verifies a ledger's hash chain, issues digests, and proves that an event (a statement) is in a published ledger,
/// as docs/integrity.md describes.
/// </summary>
public static partial class LedgerIntegrity
{
    /// <summary>
    /// Walks the whole ledger in global order, recomputing every hash: OK with the head, or the first broken link.
    /// </summary>
    /// <param name="store">The store to check.</param>
    /// <param name="extends">A digest published earlier: the ledger must extend it (same hash and tree root at its size).</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    public static async Task<IntegrityReport> VerifyAsync(IEventReader store, LedgerDigest? extends = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var walk = new ChainWalk(extends);
        await foreach (var e in store.ReadAllForwardsAsync(GlobalPosition.Start, cancellationToken).ConfigureAwait(false))
        {
            if (walk.Step(e) is { } broken)
            {
                return new IntegrityReport(walk.Count, null, broken);
            }
        }

        return walk.Finish();
    }

    /// <summary>The digest of an intact ledger, to publish.</summary>
    /// <exception cref="EventNotInLedgerException">The ledger is empty.</exception>
    /// <exception cref="LedgerIntegrityException">The chain is broken (the message says where).</exception>
    public static async Task<LedgerDigest> DigestAsync(IEventReader store, CancellationToken cancellationToken = default)
    {
        var report = await VerifyAsync(store, null, cancellationToken).ConfigureAwait(false);
        if (report.Head is { } head)
        {
            return head;
        }

        throw report.Break is null
            ? new EventNotInLedgerException("the ledger is empty: there is nothing to digest")
            : new LedgerIntegrityException($"the ledger's chain is broken, so it has no digest: {report}");
    }
}

/// <summary>The ledger's chain does not hold, or cannot give what was asked of it.</summary>
public class LedgerIntegrityException : LedgerException
{
    /// <summary>Creates the exception.</summary>
    public LedgerIntegrityException(string message)
        : base(message)
    {
    }
}

/// <summary>The event or statement to prove is not in the ledger, or not yet in it at the digest's size.</summary>
public sealed class EventNotInLedgerException : LedgerIntegrityException
{
    /// <summary>Creates the exception.</summary>
    public EventNotInLedgerException(string message)
        : base(message)
    {
    }
}
