using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Chain;

/// <summary>
/// The chain as this store knows it, to attach sequence and hashes to the events it reads: the chain stream's links
/// in revision order, loaded on first need and then only what was added since (one read from the last revision known).
/// </summary>
/// <remarks>
/// <para>Links are applied in stream order; a link that starts at or before the chain's last position replaces the
/// entries from its first position on (in normal operation links never overlap: each sealer continues the last link,
/// at the next expected revision). So readers and sealers agree on the chain: it ends with the last well-formed link.
/// Events that are not well-formed links count for the revision and change nothing.</para>
/// <para>Memory: about 48 bytes an event (position and hash). Lookups are two binary searches. Thread-safe.</para>
/// </remarks>
internal sealed class ChainIndex(ChainStream chain)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly List<ChainSegment> _segments = [];
    private long _revision = -1;
    private long _refreshesStarted;

    /// <summary>The chain's entry for the event at <paramref name="position"/>, or null when it is not chained (yet).</summary>
    public ChainMark? Find(GlobalPosition position)
    {
        lock (_gate)
        {
            // The last segment starting at or before the position.
            int low = 0, high = _segments.Count - 1, found = -1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                if (_segments[middle].FirstPosition <= position)
                {
                    found = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return found < 0 ? null : _segments[found].Find(position);
        }
    }

    /// <summary>True when <paramref name="position"/> is after every event the index holds: a refresh may chain it.</summary>
    public bool IsBeyondHead(GlobalPosition position)
    {
        lock (_gate)
        {
            return _segments.Count == 0 || position > _segments[^1].LastPosition;
        }
    }

    /// <summary>
    /// Reads the links added since the last known revision. A caller that asks while a refresh is running waits for it
    /// and reads again (that refresh may have read before the link it needs); callers waiting together share one read.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var asked = Interlocked.Read(ref _refreshesStarted);
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Read(ref _refreshesStarted) > asked)
            {
                return; // a refresh that started after this call asked has just finished
            }

            Interlocked.Increment(ref _refreshesStarted);
            long from;
            lock (_gate)
            {
                from = _revision + 1;
            }

            await foreach (var (revision, link) in chain.ReadFromAsync(from, cancellationToken).ConfigureAwait(false))
            {
                Apply(revision, link);
            }
        }
        catch (StreamDeletedException)
        {
            // A tombstoned chain stream adds nothing: what was chained stays, newer events read back unhashed.
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Applies the chain stream's event at <paramref name="revision"/> if it is the next one the index needs.</summary>
    public void Apply(long revision, ChainLink? link)
    {
        lock (_gate)
        {
            if (revision != _revision + 1)
            {
                return; // already applied (a sealer's own link and a refresh can both offer it), or not contiguous
            }

            _revision = revision;
            if (link is not null)
            {
                Append(ChainSegment.Of(link));
            }
        }
    }

    private void Append(ChainSegment segment)
    {
        while (_segments.Count > 0 && _segments[^1].LastPosition >= segment.FirstPosition)
        {
            var cut = _segments[^1].CutAt(segment.FirstPosition);
            _segments.RemoveAt(_segments.Count - 1);
            if (cut is not null)
            {
                _segments.Add(cut);
                break;
            }
        }

        _segments.Add(segment);
    }
}
