using System.Diagnostics;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Benchmarks.Measurement;
using static ClaimsLedger.Benchmarks.Commands.BenchMetric;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>
/// <c>growth</c>: how each cost grows with the ledger (default 1k, 10k, 100k, 1M statements, the proportions:
/// about 100 statements per claim, so the number of claims grows). Runs the SQLite part of <c>bench</c> per size and
/// prints one row per size.
/// </summary>
internal static class GrowthCommand
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var log = Console.Out;
        var total = Stopwatch.StartNew();
        var table = new ResultTable("Statements", "Events", "Append SQLite (vs raw)", "Rebuild SQLite",
            "Heap / statement", "One claim, public", "One claim, in memory", "Board, public", "Board / replay",
            "Board streamed / replay",
            "Open + first query", "Load at start");
        foreach (var size in options.Sizes)
        {
            var sized = options with { Spec = SyntheticSpec.ForSize(size, options.Spec.Seed), Postgres = false, Marten = false, Belgorod = false, OneBatch = false };
            log.WriteLine($"growth: {sized.Spec}");
            var events = await LedgerFiles.SyntheticAsync(sized.Spec, cancellationToken);
            var m = new Metrics();
            for (var run = 1; run <= options.Runs; run++)
            {
                await new BenchRun(sized, events, m, log).RunAsync(cancellationToken);
            }

            table.Add(Format.Count(m.Median(StatementCount)), Format.Count(m.Median(EventCount)),
                $"{Format.Rate(m.Median(SqliteAppend))} ({Format.Percent(m.Median(SqliteAppend) / m.Median(SqliteRaw))})",
                Format.Rate(m.Median(SqliteRebuild)),
                Format.Bytes(m.Median(HeapBytes) / m.Median(StatementCount)),
                Format.Micros(m.Median(ClaimPublic)), Format.Micros(m.Median(ClaimIndex)),
                Format.Micros(m.Median(BoardPublic)),
                Format.Percent(m.Median(BoardPublic) / (m.Median(ReplaySeconds) * 1_000_000)),
                Format.Percent(m.Median(BoardStreamed) / (m.Median(ReplaySeconds) * 1_000_000)),
                Format.Seconds(m.Median(OpenInProcess)), m.Values(LoadAverage));
        }

        log.WriteLine();
        log.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {System.Environment.ProcessorCount} cores; batches of " +
                      $"{options.Batch:N0}; {options.Runs} run(s) per size, medians; one-claim figures are medians of single calls");
        log.WriteLine();
        log.Write(table.ToString());
        log.WriteLine($"growth finished in {total.Elapsed.TotalSeconds:0} s");
        return 0;
    }
}
