using System.Diagnostics;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Benchmarks.Ours;
using ClaimsLedger.Integrity;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>
/// <c>hash-chain</c>: what the hash chain costs (issue 7). The same synthetic ledger is appended to fresh SQLite files
/// with <see cref="SqliteStoreOptions.HashChain"/> on and off, alternating which goes first in each run; then the
/// chained file is verified and its events hashed alone. Prints medians.
/// </summary>
internal static class HashChainCommand
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var log = Console.Out;
        log.WriteLine($"hash-chain: {options.Spec}, batches of {options.Batch:N0}, {options.Runs} run(s)");
        var events = await LedgerFiles.SyntheticAsync(options.Spec, cancellationToken);
        var (withChain, without, storeWith, storeWithout, verify, hashOnly) =
            (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var chained in run % 2 == 1 ? new[] { true, false } : [false, true])
            {
                var path = BenchPaths.File($"hash-chain-{(chained ? "on" : "off")}.db");
                BenchPaths.DeleteDatabase(path);
                await using (var store = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, HashChain = chained },
                                 cancellationToken))
                {
                    var append = await LedgerLoader.RecordInBatchesAsync(store, events, options.Batch, cancellationToken);
                    (chained ? withChain : without).Add(append.EventsPerSecond);
                    (chained ? storeWith : storeWithout).Add(append.Events / append.StoreAppend.TotalSeconds);
                    log.WriteLine($"  run {run}, chain {(chained ? "on " : "off")}: {append.EventsPerSecond:N0} ev/s recorded, " +
                                  $"{append.Events / append.StoreAppend.TotalSeconds:N0} ev/s inside the store append");
                    if (chained)
                    {
                        var (verified, hashed) = await VerifyAsync(store, cancellationToken);
                        verify.Add(verified);
                        hashOnly.Add(hashed);
                    }
                }

                BenchPaths.DeleteDatabase(path);
            }
        }

        var table = new ResultTable("SQLite, batches of " + options.Batch.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            "Chain on", "Chain off", "Chain on / off");
        table.Add("Append through RecordAsync (ev/s)", Format.Rate(Stats.Median(withChain)), Format.Rate(Stats.Median(without)),
            Format.Percent(Stats.Median(withChain) / Stats.Median(without)));
        table.Add("Inside the store's append transaction (ev/s)", Format.Rate(Stats.Median(storeWith)),
            Format.Rate(Stats.Median(storeWithout)), Format.Percent(Stats.Median(storeWith) / Stats.Median(storeWithout)));
        table.Add("VerifyAsync, whole ledger (ev/s)", Format.Rate(Stats.Median(verify)), "—", "—");
        table.Add("SHA-256 of the canonical forms alone (ev/s)", Format.Rate(Stats.Median(hashOnly)), "—", "—");
        log.WriteLine();
        log.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {events.Count:N0} events; {Environment.ProcessorCount} cores; " +
                      $"load {LoadAverage()}; medians of {options.Runs} run(s)");
        log.WriteLine();
        log.Write(table.ToString());
        return 0;
    }

    private static async Task<(double Verify, double HashOnly)> VerifyAsync(IEventStore store, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var report = await LedgerIntegrity.VerifyAsync(store, cancellationToken: cancellationToken);
        var verify = report.Events / clock.Elapsed.TotalSeconds;
        if (!report.IsIntact)
        {
            throw new InvalidOperationException($"the benchmark ledger does not verify: {report}");
        }

        var rows = await store.ReadAllForwardsAsync(GlobalPosition.Start, cancellationToken).ToListAsync(cancellationToken);
        clock.Restart();
        foreach (var e in rows)
        {
            EventHash.Compute(e.Sequence, e.Stream.Value, e.StreamVersion, e.Type, e.EventId, e.RecordedAt, e.Data.Span,
                e.Metadata.Span, e.PreviousHash.Span);
        }

        return (verify, rows.Count / clock.Elapsed.TotalSeconds);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
