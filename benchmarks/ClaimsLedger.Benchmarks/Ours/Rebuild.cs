using System.Diagnostics;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Index;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Benchmarks.Ours;

/// <summary>A ledger opened on a store: the full rebuild of its index, timed, what the collector did meanwhile, and
/// the heap the ledger holds afterwards.</summary>
internal sealed record OpenedLedger(Ledger Ledger, TimeSpan Elapsed, GcDelta Gc, long HeapBytes);

/// <summary>
/// The full rebuild (replay every event from the store into the views), whole and in parts: reading the rows,
/// decoding the JSON, and folding into the index.
/// </summary>
internal static class Rebuild
{
    /// <summary>Opens a ledger (a full replay into a fresh index), measuring the managed heap it keeps.</summary>
    public static async Task<OpenedLedger> OpenAsync(IEventStore store, CancellationToken cancellationToken)
    {
        var before = HeapMeter.Settled();
        var gc = GcWatch.Start();
        var clock = Stopwatch.StartNew();
        var ledger = await Ledger.OpenAsync(store, cancellationToken: cancellationToken);
        clock.Stop();
        var collected = gc.Stop();
        var after = HeapMeter.Settled();
        return new OpenedLedger(ledger, clock.Elapsed, collected, after - before);
    }

    /// <summary>Only the store's part: every row read in global order, nothing decoded.</summary>
    public static async Task<(List<RecordedEvent> Rows, TimeSpan Elapsed)> ReadAllAsync(IEventReader store,
        CancellationToken cancellationToken)
    {
        var rows = new List<RecordedEvent>();
        var clock = Stopwatch.StartNew();
        await foreach (var row in store.ReadAllForwardsAsync(GlobalPosition.Start, cancellationToken))
        {
            rows.Add(row);
        }

        return (rows, clock.Elapsed);
    }

    /// <summary>
    /// The read an open makes (the store's index read: no chain hashes, no metadata), every row counted and dropped.
    /// </summary>
    /// <returns>Events read per second; NaN when the store holds none.</returns>
    public static async Task<double> ReadForIndexAsync(IEventReader store, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var count = 0L;
        await foreach (var _ in store.ReadAllAfterForIndexAsync(null, decode: false, cancellationToken))
        {
            count++;
        }

        return count > 0 ? count / clock.Elapsed.TotalSeconds : double.NaN;
    }

    /// <summary>Only the decoder: every row's JSON into its event (what the index does first with each row).</summary>
    public static (TimeSpan Elapsed, GcDelta Gc) Deserialize(IReadOnlyList<RecordedEvent> rows)
    {
        var gc = GcWatch.Start();
        var clock = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            _ = EventSerializer.Deserialize(row.Type, row.Data.Span);
        }

        clock.Stop();
        return (clock.Elapsed, gc.Stop());
    }

    /// <summary>Decoding and folding rows already in memory into a fresh index: the rebuild without the store.</summary>
    public static (LedgerIndex Index, TimeSpan Elapsed, GcDelta Gc) Index(IReadOnlyList<RecordedEvent> rows)
    {
        var index = new LedgerIndex();
        var gc = GcWatch.Start();
        var clock = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            index.Apply(row);
        }

        clock.Stop();
        return (index, clock.Elapsed, gc.Stop());
    }
}
