using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger;

/// <summary>Telling <see cref="LedgerOptions.Observers"/> what a record appended (see <see cref="ILedgerObserver"/>).</summary>
public sealed partial class Ledger
{
    // The events of the append in flight, caught as the index folds them in (whichever catch-up reads them first).
    // Guarded by _indexGate; at most one append is in flight per ledger (the write gate).
    private AppendCapture? _capture;

    private void StartCapture(IReadOnlyList<StreamAppend> appends) =>
        StartCapture(appends.SelectMany(a => a.Events.Select(e => e.EventId)));

    /// <summary>Starts catching the events with these ids as the index folds them in (an append or a restore).</summary>
    private void StartCapture(IEnumerable<Guid> eventIds)
    {
        if (_options.Observers.Count == 0)
        {
            return;
        }

        lock (_indexGate)
        {
            _capture = new AppendCapture([.. eventIds]);
        }
    }

    private void Capture(RecordedEvent recorded, LedgerEvent @event)
    {
        if (_capture is { } capture && capture.Ids.Contains(recorded.EventId))
        {
            capture.Entries.Add(Entry(recorded, @event));
        }
    }

    /// <summary>The entries the append wrote, leaving out streams another writer had already written identically.</summary>
    private IReadOnlyList<LedgerEntry> EndCapture(IReadOnlyList<AppendResult>? results)
    {
        var written = results?.Where(r => !r.AlreadyPresent).Select(r => r.Stream).ToHashSet();
        return TakeCaptured(written is null ? null : written.Contains);
    }

    /// <summary>Ends the capture: the entries caught on the streams <paramref name="written"/> accepts, in global
    /// order; none when it is null (the write failed).</summary>
    private IReadOnlyList<LedgerEntry> TakeCaptured(Func<StreamName, bool>? written)
    {
        lock (_indexGate)
        {
            var capture = _capture;
            _capture = null;
            if (capture is null || written is null)
            {
                return [];
            }

            return [.. capture.Entries.Where(e => written(e.Stream)).OrderBy(e => e.Position)];
        }
    }

    private async Task NotifyAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        foreach (var observer in _options.Observers)
        {
            try
            {
                await observer.OnAppendedAsync(entries, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _diagnostics.ObserverFailed(observer, entries, e);
            }
        }
    }

    private sealed record AppendCapture(HashSet<Guid> Ids)
    {
        public List<LedgerEntry> Entries { get; } = [];
    }
}
