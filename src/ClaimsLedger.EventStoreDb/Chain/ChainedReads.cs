using System.Runtime.CompilerServices;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Chain;

/// <summary>
/// Gives the events a read returns their sequence, hash and previous hash from the chain. An event after the newest
/// one the index holds makes it refresh (one read of the chain stream); an event still not chained after that is
/// returned unchained (sequence 0, no hash), which verification reports as <c>unhashed</c>.
/// </summary>
internal sealed class ChainedReads(ChainIndex index)
{
    /// <summary>A finite read: refreshes at most once, so an unsealed tail costs one read, not one per event.</summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAsync(IAsyncEnumerable<RecordedEvent> events,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var refreshed = false;
        await foreach (var e in events.ConfigureAwait(false))
        {
            var mark = index.Find(e.Position);
            if (mark is null && !refreshed && index.IsBeyondHead(e.Position))
            {
                await index.RefreshAsync(cancellationToken).ConfigureAwait(false);
                refreshed = true;
                mark = index.Find(e.Position);
            }

            yield return Chained(e, mark);
        }
    }

    /// <summary>
    /// A subscription: refreshes for every event beyond the index, since links keep coming while it runs. A live event
    /// can arrive before its writer has sealed it; it is then delivered unchained (reads after the append are not).
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> SubscribeAsync(IAsyncEnumerable<RecordedEvent> events,
        CancellationToken disposed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in events.ConfigureAwait(false))
        {
            var mark = index.Find(e.Position);
            if (mark is null && index.IsBeyondHead(e.Position))
            {
                if (!await TryRefreshAsync(disposed, cancellationToken).ConfigureAwait(false))
                {
                    yield break; // the store was disposed meanwhile: the subscription ends, as it does when waiting
                }

                mark = index.Find(e.Position);
            }

            yield return Chained(e, mark);
        }
    }

    private async Task<bool> TryRefreshAsync(CancellationToken disposed, CancellationToken cancellationToken)
    {
        try
        {
            await index.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (disposed.IsCancellationRequested && error is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static RecordedEvent Chained(RecordedEvent e, ChainMark? mark) => mark is { } m
        ? e with { Sequence = m.Sequence, Hash = m.Hash, PreviousHash = m.PreviousHash }
        : e;
}
