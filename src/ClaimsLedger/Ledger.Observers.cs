using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger;

/// <summary>Telling <see cref="LedgerOptions.Observers"/> what a record appended (see <see cref="ILedgerObserver"/>).</summary>
public sealed partial class Ledger
{
    // The events of the append in flight, caught as the index folds them in (whichever catch-up reads them first).
    // Guarded by _indexGate; at most one append is in flight per ledger (the write gate).
    private AppendCapture? _capture;

    private void StartCapture(IReadOnlyList<StreamAppend> appends)
    {
        if (_options.Observers.Count == 0)
        {
            return;
        }

        lock (_indexGate)
        {
            _capture = new AppendCapture([.. appends.SelectMany(a => a.Events.Select(e => e.EventId))]);
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
        lock (_indexGate)
        {
            var capture = _capture;
            _capture = null;
            if (capture is null || results is null)
            {
                return [];
            }

            var written = results.Where(r => !r.AlreadyPresent).Select(r => r.Stream).ToHashSet();
            return [.. capture.Entries.Where(e => written.Contains(e.Stream)).OrderBy(e => e.Position)];
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
