using System.Diagnostics;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Benchmarks.Ours;

/// <summary>What a batched append through <see cref="Ledger.RecordAsync(IReadOnlyList{LedgerEvent}, CancellationToken)"/> took.</summary>
/// <param name="Events">Events appended.</param>
/// <param name="Elapsed">Wall time of all the batches.</param>
/// <param name="BatchEnds">recordedAt of each batch, in order: the recorded-time bounds R between batches.</param>
/// <param name="StoreAppend">Time inside the store's append (ClaimsLedger.Append activities).</param>
/// <param name="CatchUp">Time reading the batch back into the index (ClaimsLedger.CatchUp inside records).</param>
internal sealed record AppendRun(long Events, TimeSpan Elapsed, IReadOnlyList<DateTimeOffset> BatchEnds,
    TimeSpan StoreAppend, TimeSpan CatchUp)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>Validation, planning and serialisation: the record time outside the store append and the catch-up.</summary>
    public TimeSpan Ledger => Elapsed - StoreAppend - CatchUp;
}

/// <summary>Records events through the public ledger API in fixed-size batches, each one durable append.</summary>
internal static class LedgerLoader
{
    public static async Task<AppendRun> RecordInBatchesAsync(IEventStore store, IReadOnlyList<LedgerEvent> events,
        int batchSize, CancellationToken cancellationToken)
    {
        var ledger = await Ledger.OpenAsync(store, cancellationToken: cancellationToken);
        var ends = new List<DateTimeOffset>();
        using var timer = new ActivityTimer();
        var clock = Stopwatch.StartNew();
        foreach (var batch in events.Chunk(batchSize))
        {
            var result = await ledger.RecordAsync(batch, cancellationToken);
            ends.Add(result.RecordedAt ?? throw new InvalidOperationException("a batch appended nothing"));
        }

        clock.Stop();
        return new AppendRun(events.Count, clock.Elapsed, ends, timer["ClaimsLedger.Append"],
            timer["ClaimsLedger.CatchUp"]);
    }
}
