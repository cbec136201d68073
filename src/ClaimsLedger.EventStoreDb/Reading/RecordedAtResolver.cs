using System.Runtime.CompilerServices;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Reading;

/// <summary>
/// Reports recordedAt as the running maximum of the written stamps along $all, however a read starts.
/// </summary>
/// <remarks>
/// <para>Reported value of event p: R(p) = max{stamp(q) : q a ledger event at or before p}. Each writer stamps
/// stamp = max(its clock, R(L)) where L is the newest ledger event it saw before writing, and records L with the
/// event. So R(p) = max(stamp(p), stamps of the events strictly between L and p): only the events written while p's
/// writer was in flight need reading, never the whole prefix.</para>
/// <para>Events this store did not write (no envelope) count with the server's creation time and no window: a forward
/// read from the log's start reports the running maximum at such an event, every other read its own creation time,
/// so for them (and the events after them) the reported value depends on the read; the README says so.</para>
/// </remarks>
internal sealed class RecordedAtResolver(LogReader reader)
{
    private const int WindowPage = 32;

    /// <summary>R(p) of one event.</summary>
    public async Task<DateTimeOffset> PrefixMaxAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        if (!e.Tracked)
        {
            return e.Stamp;
        }

        var max = e.Stamp;
        await foreach (var q in reader.AllBackwardsAsync(e.Position, WindowPage, cancellationToken).ConfigureAwait(false))
        {
            if (q.Position >= e.Position)
            {
                continue;
            }

            if (e.LedgerHead is { } head && q.Position <= head)
            {
                break;
            }

            max = Max(max, q.Stamp);
        }

        return max;
    }

    /// <summary>A forwards read: R of the first event, then the running maximum.</summary>
    public async IAsyncEnumerable<RecordedEvent> ForwardsAsync(IAsyncEnumerable<StoredEvent> events, bool fromLogStart,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTimeOffset? running = null;
        await foreach (var e in events.ConfigureAwait(false))
        {
            running = running is { } before ? Max(before, e.Stamp)
                : fromLogStart ? e.Stamp
                : await PrefixMaxAsync(e, cancellationToken).ConfigureAwait(false);
            yield return e.ToRecorded(running.Value);
        }
    }

    /// <summary>A backwards read: each event waits until the events of its window (read next) have been seen.</summary>
    public async IAsyncEnumerable<RecordedEvent> BackwardsAsync(IAsyncEnumerable<StoredEvent> newestFirst,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new List<StoredEvent>();
        var source = newestFirst.GetAsyncEnumerator(cancellationToken);
        await using var _ = source.ConfigureAwait(false);
        var more = true;
        while (true)
        {
            if (pending.Count == 0)
            {
                if (!more || !(more = await source.MoveNextAsync().ConfigureAwait(false)))
                {
                    yield break;
                }

                pending.Add(source.Current);
            }

            var e = pending[0];
            while (more && e.Tracked && !(e.LedgerHead is { } head && pending[^1].Position <= head))
            {
                if (more = await source.MoveNextAsync().ConfigureAwait(false))
                {
                    pending.Add(source.Current);
                }
            }

            pending.RemoveAt(0);
            yield return e.ToRecorded(InWindow(e, pending));
        }
    }

    /// <summary>A stream read: the events of one append share a window, read once.</summary>
    public async IAsyncEnumerable<RecordedEvent> StreamAsync(IAsyncEnumerable<StoredEvent> events,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var append = new List<StoredEvent>();
        await foreach (var e in events.ConfigureAwait(false))
        {
            if (append.Count > 0 && !(e.Tracked && append[0].Tracked && e.LedgerHead == append[0].LedgerHead))
            {
                foreach (var resolved in await ResolveAppendAsync(append, cancellationToken).ConfigureAwait(false))
                {
                    yield return resolved;
                }

                append.Clear();
            }

            append.Add(e);
        }

        foreach (var resolved in await ResolveAppendAsync(append, cancellationToken).ConfigureAwait(false))
        {
            yield return resolved;
        }
    }

    private async Task<List<RecordedEvent>> ResolveAppendAsync(List<StoredEvent> append, CancellationToken cancellationToken)
    {
        if (append.Count == 0 || !append[0].Tracked)
        {
            return [.. append.Select(e => e.ToRecorded(e.Stamp))];
        }

        var newest = append.MaxBy(e => e.Position)!;
        var window = new List<StoredEvent>();
        await foreach (var q in reader.AllBackwardsAsync(newest.Position, WindowPage, cancellationToken).ConfigureAwait(false))
        {
            if (newest.LedgerHead is { } head && q.Position <= head)
            {
                break;
            }

            window.Add(q);
        }

        return [.. append.Select(e => e.ToRecorded(InWindow(e, window)))];
    }

    // max(stamp(e), stamps of the events before e and after its writer's ledger head)
    private static DateTimeOffset InWindow(StoredEvent e, List<StoredEvent> others)
    {
        var max = e.Stamp;
        if (e.Tracked)
        {
            foreach (var q in others)
            {
                if (q.Position < e.Position && (e.LedgerHead is not { } head || q.Position > head))
                {
                    max = Max(max, q.Stamp);
                }
            }
        }

        return max;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
