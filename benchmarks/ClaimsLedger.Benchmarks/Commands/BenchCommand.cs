using System.Diagnostics;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Benchmarks.Measurement;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>
/// <c>bench</c>: the whole-process benchmark of issue 8. Generates (or reuses) the synthetic ledger, runs the measurement
/// sequence <see cref="BenchOptions.Runs"/> times and prints one table with our figure, the baseline measured in the
/// same run, the ratio and the target. A missed target is reported, not an error: the exit code is non-zero only when
/// something throws.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var log = Console.Out;
        var total = Stopwatch.StartNew();
        log.WriteLine($"bench: {options.Spec}; batches of {options.Batch:N0}; {options.Runs} run(s){(options.Quick ? "; quick" : string.Empty)}");
        log.WriteLine($"  [{DateTime.Now:HH:mm:ss}] generating (or reusing) the synthetic ledger under {BenchPaths.WorkDirectory}");
        var events = await LedgerFiles.SyntheticAsync(options.Spec, cancellationToken);
        var metrics = new Metrics();
        for (var run = 1; run <= options.Runs; run++)
        {
            log.WriteLine($"run {run} of {options.Runs}");
            await new BenchRun(options, events, metrics, log).RunAsync(cancellationToken);
        }

        log.WriteLine();
        log.WriteLine(BenchTable.Environment(options));
        log.WriteLine();
        log.Write(BenchTable.Build(metrics));
        log.WriteLine();
        foreach (var note in BenchTable.Notes(metrics))
        {
            log.WriteLine(note);
        }

        log.WriteLine($"bench finished in {total.Elapsed.TotalSeconds:0} s");
        return 0;
    }
}
