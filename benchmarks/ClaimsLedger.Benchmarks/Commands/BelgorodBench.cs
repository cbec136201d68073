using System.Text;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Benchmarks.Ours;
using ClaimsLedger.Interchange;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Views;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>
/// The Belgorod sample (samples/data: the raid coverage, then the correction recorded later) in a SQLite ledger: one
/// claim and the whole board as of random (T, R), public and in memory.
/// </summary>
internal sealed class BelgorodBench(BenchOptions options, Metrics metrics)
{
    private static readonly (DateTimeOffset, DateTimeOffset) SaidRange =
        (new DateTimeOffset(2023, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2023, 6, 30, 0, 0, 0, TimeSpan.Zero));

    private object? _sink;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var path = BenchPaths.File($"belgorod-{Environment.ProcessId}.db");
        BenchPaths.DeleteDatabase(path);
        try
        {
            var store = await SqliteEventStore.OpenAsync(path, cancellationToken);
            await using (store)
            {
                var ledger = await Ledger.OpenAsync(store, cancellationToken: cancellationToken);
                foreach (var file in new[] { BenchPaths.Belgorod, BenchPaths.Belgorod.Replace(".ndjson", "-correction.ndjson", StringComparison.Ordinal) })
                {
                    using var reader = new StreamReader(file, Encoding.UTF8);
                    await LedgerInterchange.ImportAsync(ledger, reader, cancellationToken: cancellationToken);
                }

                var (rows, _) = await Rebuild.ReadAllAsync(store, cancellationToken);
                var (index, _, _) = Rebuild.Index(rows);
                metrics.Add(BenchMetric.BelgorodEvents, rows.Count);
                var claims = index.Claims.Keys.OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
                var points = AsOfPoints.Draw(options.Queries * 10, 17, claims, SaidRange,
                    (rows[0].RecordedAt, rows[^1].RecordedAt.AddSeconds(1)));
                var viaApi = await CallTimer.TimeAsync(100, options.Queries,
                    i => ledger.GetClaimAsync(points[i].Claim, points[i].AsOf, cancellationToken));
                metrics.Add(BenchMetric.BelgorodClaimPublic, Stats.Median(viaApi));
                var inMemory = CallTimer.Time(1_000, points.Length,
                    i => _sink = LedgerQueries.Claim(index, points[i].Claim, points[i].AsOf));
                metrics.Add(BenchMetric.BelgorodClaimIndex, Stats.Median(inMemory));
                var board = await CallTimer.TimeAsync(100, options.Queries,
                    i => ledger.GetBoardAsync(points[i].AsOf, cancellationToken));
                metrics.Add(BenchMetric.BelgorodBoardPublic, Stats.Median(board));
                GC.KeepAlive(_sink);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            BenchPaths.DeleteDatabase(path);
        }
    }
}
