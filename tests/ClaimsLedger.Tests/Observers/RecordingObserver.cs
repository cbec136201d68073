using System.Collections.Concurrent;

namespace ClaimsLedger.Tests;

/// <summary>An observer that keeps every batch it is told about; optionally runs a reaction on each.</summary>
internal sealed class RecordingObserver(Func<IReadOnlyList<LedgerEntry>, ValueTask>? react = null) : ILedgerObserver
{
    private readonly ConcurrentQueue<IReadOnlyList<LedgerEntry>> _batches = new();

    public IReadOnlyList<IReadOnlyList<LedgerEntry>> Batches => [.. _batches];

    public IReadOnlyList<LedgerEntry> Entries => [.. _batches.SelectMany(b => b)];

    public async ValueTask OnAppendedAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        _batches.Enqueue(entries);
        if (react is not null)
        {
            await react(entries);
        }
    }
}
