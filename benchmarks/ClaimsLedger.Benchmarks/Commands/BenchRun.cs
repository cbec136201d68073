using ClaimsLedger.Benchmarks.Baselines;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Benchmarks.Ours;
using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.Snapshots;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>
/// One whole measurement sequence of <c>bench</c> on one synthetic ledger: appends (ours and the baselines), the full
/// rebuild and its parts, memory, the queries, the cold open, and the Belgorod data. Figures go into
/// <see cref="Metrics"/> under the names in <see cref="BenchMetric"/>.
/// </summary>
internal sealed partial class BenchRun(BenchOptions options, IReadOnlyList<LedgerEvent> events, Metrics metrics,
    TextWriter log)
{
    private readonly string _path = BenchPaths.File($"ledger-{options.Spec.Key}.db");
    private AppendRun? _sqliteAppend;
    private AppendRun? _postgresAppend;
    private LedgerIndex? _index;
    private (DateTimeOffset From, DateTimeOffset To) _recorded;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        metrics.Add(BenchMetric.LoadAverage, LoadAverage());
        metrics.Add(BenchMetric.EventCount, events.Count);
        metrics.Add(BenchMetric.StatementCount, events.Count(e => e is Statement));
        var rows = await AppendSqliteAsync(cancellationToken);
        await using var postgres = await PostgresPhase.StartAsync(options, log);
        if (postgres is not null)
        {
            _postgresAppend = await postgres.AppendAsync(events, rows, metrics, cancellationToken);
        }

        Step("decoding and folding the rows in memory (no store)");
        var (decoded, decodeGc) = Rebuild.Deserialize(rows);
        metrics.Add(BenchMetric.DecodeSeconds, decoded.TotalSeconds);
        metrics.Add(BenchMetric.DecodeGcSeconds, decodeGc.Pause.TotalSeconds);
        metrics.Add(BenchMetric.DecodeAllocated, decodeGc.Allocated);
        (_index, var folded, var indexGc) = Rebuild.Index(rows);
        metrics.Add(BenchMetric.IndexSeconds, folded.TotalSeconds);
        metrics.Add(BenchMetric.IndexGcSeconds, indexGc.Pause.TotalSeconds);
        _recorded = (rows[0].RecordedAt, rows[^1].RecordedAt);
        rows = null;

        Step("opening the SQLite ledger (full rebuild)");
        var store = await SqliteEventStore.OpenAsync(_path, cancellationToken);
        await using (store)
        {
            var opened = await Rebuild.OpenAsync(store, cancellationToken);
            metrics.Add(BenchMetric.SqliteRebuild, events.Count / opened.Elapsed.TotalSeconds);
            metrics.Add(BenchMetric.ReplaySeconds, opened.Elapsed.TotalSeconds);
            metrics.Add(BenchMetric.ReplayGcSeconds, opened.Gc.Pause.TotalSeconds);
            metrics.Add(BenchMetric.ReplayGen2, opened.Gc.Gen2);
            metrics.Add(BenchMetric.ReplayAllocated, opened.Gc.Allocated);
            await QueryAsync(opened.Ledger, cancellationToken);

            // After the open, so that the open does not find the store's caches warmed by it.
            Step("SQLite: the store's index read alone (the read an open makes)");
            metrics.Add(BenchMetric.SqliteIndexRead, await Rebuild.ReadForIndexAsync(store, cancellationToken));
        }

        if (postgres is not null)
        {
            await postgres.RebuildAndCompareAsync(_index, _sqliteAppend!, _postgresAppend!, metrics, cancellationToken);
        }

        await ProbeOpenAsync(cancellationToken);
        if (options.Belgorod)
        {
            await new BelgorodBench(options, metrics).RunAsync(cancellationToken);
        }

        // Last: one batch of every event leaves much garbage behind, which would fall into the figures measured after it.
        if (options.OneBatch)
        {
            Step("SQLite: the same events recorded again as one batch, one commit (as claims import records a file)");
            metrics.Add(BenchMetric.SqliteAppendOneBatch, await AppendOneBatchAsync(cancellationToken));
        }
    }

    private async Task<List<RecordedEvent>> AppendSqliteAsync(CancellationToken cancellationToken)
    {
        Step($"SQLite: recording {events.Count:N0} events in batches of {options.Batch:N0} into {_path}");
        BenchPaths.DeleteDatabase(_path);
        var store = await SqliteEventStore.OpenAsync(_path, cancellationToken);
        await using (store)
        {
            _sqliteAppend = await LedgerLoader.RecordInBatchesAsync(store, events, options.Batch, cancellationToken);
        }

        metrics.Add(BenchMetric.SqliteAppend, _sqliteAppend.EventsPerSecond);
        metrics.Add(BenchMetric.SqliteAppendStore, _sqliteAppend.StoreAppend.TotalSeconds);
        metrics.Add(BenchMetric.SqliteAppendCatchUp, _sqliteAppend.CatchUp.TotalSeconds);
        metrics.Add(BenchMetric.SqliteAppendLedger, _sqliteAppend.Ledger.TotalSeconds);

        Step("SQLite: reading every row back (the store's part of a rebuild)");
        var reader = await SqliteEventStore.OpenAsync(_path, cancellationToken);
        List<RecordedEvent> rows;
        await using (reader)
        {
            (rows, var read) = await Rebuild.ReadAllAsync(reader, cancellationToken);
            metrics.Add(BenchMetric.SqliteRead, rows.Count / read.TotalSeconds);
        }

        Step("SQLite baseline: the same rows, raw prepared INSERTs in one transaction");
        var raw = await RawSqliteInsert.InsertAsync(rows, batch: null, cancellationToken);
        metrics.Add(BenchMetric.SqliteRaw, rows.Count / raw.TotalSeconds);

        Step($"SQLite baseline: the same rows, raw prepared INSERTs in transactions of {options.Batch:N0} (one commit each)");
        var rawBatched = await RawSqliteInsert.InsertAsync(rows, options.Batch, cancellationToken);
        metrics.Add(BenchMetric.SqliteRawBatched, rows.Count / rawBatched.TotalSeconds);
        return rows;
    }

    // Into a file of its own, deleted afterwards: the batched file stays the one the later steps read.
    private async Task<double> AppendOneBatchAsync(CancellationToken cancellationToken)
    {
        var path = BenchPaths.File($"one-batch-{Environment.ProcessId}.db");
        BenchPaths.DeleteDatabase(path);
        try
        {
            var store = await SqliteEventStore.OpenAsync(path, cancellationToken);
            await using (store)
            {
                var run = await LedgerLoader.RecordInBatchesAsync(store, events, events.Count, cancellationToken);
                return run.EventsPerSecond;
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            BenchPaths.DeleteDatabase(path);
        }
    }

    private async Task ProbeOpenAsync(CancellationToken cancellationToken)
    {
        Step("opening the SQLite ledger and answering a first as-of query in a fresh process");
        var point = AsOfPoints.Draw(1, 7, [.. _index!.Claims.Keys], AsOfPoints.SyntheticSaidRange, _recorded)[0];
        var (inProcess, wall, open, gcPause, heap) = await OpenProbe.RunAsync(_path, point.Claim, point.AsOf, "eager", cancellationToken);
        // Measured in the probe, where nothing but the open ledger lives (this process holds the bench's own data).
        metrics.Add(BenchMetric.HeapBytes, heap);
        metrics.Add(BenchMetric.OpenGcSeconds, gcPause.TotalSeconds);
        metrics.Add(BenchMetric.OpenInProcess, inProcess.TotalSeconds);
        metrics.Add(BenchMetric.OpenWall, wall.TotalSeconds);
        metrics.Add(BenchMetric.OpenOnly, open.TotalSeconds);
        Step("the same with the claims tool's runtime settings (server GC, TieredPGO off, CallCountingDelayMs 0)");
        var (toolRuntime, _, _, _, _) = await OpenProbe.RunAsync(_path, point.Claim, point.AsOf, "eager", cancellationToken,
            ProbeRuntime.ClaimsTool);
        metrics.Add(BenchMetric.OpenToolRuntime, toolRuntime.TotalSeconds);
        Step("the same with LedgerOptions.LoadInBackground: the first claim answered from its streams while the index loads");
        var (firstAnswer, backgroundWall, _, _, _) = await OpenProbe.RunAsync(_path, point.Claim, point.AsOf, "background", cancellationToken);
        metrics.Add(BenchMetric.OpenBackgroundFirstAnswer, firstAnswer.TotalSeconds);
        metrics.Add(BenchMetric.OpenBackgroundWall, backgroundWall.TotalSeconds);

        Step("saving a snapshot of the SQLite ledger (Ledger.SaveSnapshotAsync)");
        await using (var store = await SqliteEventStore.OpenAsync(_path, cancellationToken))
        {
            var snapshots = FileSnapshotStore.Beside(_path);
            var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Snapshots = snapshots }, cancellationToken);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var saved = await ledger.SaveSnapshotAsync(cancellationToken)
                        ?? throw new InvalidOperationException("the bench ledger is empty");
            metrics.Add(BenchMetric.SnapshotSaveSeconds, clock.Elapsed.TotalSeconds);
            metrics.Add(BenchMetric.SnapshotBytes, saved.Bytes);
        }

        Step("opening the ledger from its snapshot in a fresh process, then the first as-of query");
        var (fromSnapshot, _, _, snapshotGc, _) = await OpenProbe.RunAsync(_path, point.Claim, point.AsOf, "snapshot", cancellationToken);
        metrics.Add(BenchMetric.OpenSnapshot, fromSnapshot.TotalSeconds);
        metrics.Add(BenchMetric.OpenSnapshotGc, snapshotGc.TotalSeconds);
        Step("the same with the server garbage collector (DOTNET_gcServer=1), then with the claims tool's runtime settings");
        var (fromSnapshotServerGc, _, _, _, _) = await OpenProbe.RunAsync(_path, point.Claim, point.AsOf, "snapshot",
            cancellationToken, ProbeRuntime.ServerGc);
        metrics.Add(BenchMetric.OpenSnapshotServerGc, fromSnapshotServerGc.TotalSeconds);
        var (fromSnapshotToolRuntime, _, _, _, _) = await OpenProbe.RunAsync(_path, point.Claim, point.AsOf, "snapshot",
            cancellationToken, ProbeRuntime.ClaimsTool);
        metrics.Add(BenchMetric.OpenSnapshotToolRuntime, fromSnapshotToolRuntime.TotalSeconds);
        Step("the same checking only the snapshot's head (SnapshotVerification.Head), default and server GC");
        var (fromSnapshotHead, _, _, _, _) = await OpenProbe.RunAsync(_path, point.Claim, point.AsOf, "snapshot-head", cancellationToken);
        metrics.Add(BenchMetric.OpenSnapshotHead, fromSnapshotHead.TotalSeconds);
        var (fromSnapshotHeadServerGc, _, _, _, _) = await OpenProbe.RunAsync(_path, point.Claim, point.AsOf, "snapshot-head",
            cancellationToken, ProbeRuntime.ServerGc);
        metrics.Add(BenchMetric.OpenSnapshotHeadServerGc, fromSnapshotHeadServerGc.TotalSeconds);
    }

    /// <summary>The 1-minute load average (Linux); NaN elsewhere.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0],
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;

    private void Step(string what) => log.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {what}");
}
