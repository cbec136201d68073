using System.Diagnostics;
using ClaimsLedger.Interchange;
using Spectre.Console;

namespace ClaimsLedger.Cli.Rendering;

/// <summary>
/// Shows an import's progress: a bar with count, rate and elapsed time on a terminal; plain lines on standard error,
/// at most about once a second, when output is redirected. The write is one transaction of the ledger, which reports
/// nothing until it commits: the bar spins with its elapsed time meanwhile, and the end gives the write's rate.
/// </summary>
internal static class ImportProgressDisplay
{
    public static async Task<ImportResult> RunAsync(CliEnvironment environment, long? total,
        Func<IProgress<ImportProgress>, Task<ImportResult>> import)
    {
        var clock = Stopwatch.StartNew();
        if (!environment.Interactive)
        {
            var lines = new LineProgress(environment.Error, total, clock);
            return await import(lines);
        }

        var console = environment.Consoles(environment.Error, true);
        ImportResult? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("reading", maxValue: total ?? 1);
                result = await import(new BarProgress(task, total, clock));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static string Rate(long done, TimeSpan elapsed, string unit) =>
        elapsed.TotalSeconds > 0 ? $"{done / elapsed.TotalSeconds:0} {unit}/s" : string.Empty;

    /// <summary>Reports synchronously (unlike Progress&lt;T&gt;), so the display follows the import exactly.</summary>
    private sealed class BarProgress(ProgressTask task, long? total, Stopwatch clock) : IProgress<ImportProgress>
    {
        private TimeSpan _writing;
        private long _read;

        public void Report(ImportProgress value)
        {
            switch (value.Stage)
            {
                case ImportStage.Reading:
                    _read = value.Done;
                    task.Value = total is null ? 0 : value.Done;
                    task.Description = $"read {value.Done:N0}{(total is { } t ? $" of {t:N0}" : string.Empty)} lines, " +
                                       Rate(value.Done, clock.Elapsed, "lines");
                    break;
                case ImportStage.Writing:
                    _writing = clock.Elapsed;
                    task.IsIndeterminate = true;
                    task.Description = $"writing {value.Done:N0} events in one transaction";
                    break;
                default:
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    // The last frame: the whole import in one line, whatever frames the refresh happened to draw before.
                    task.Description = $"read {_read:N0} lines, wrote {value.Done:N0} events, {Rate(value.Done, clock.Elapsed - _writing, "events")}";
                    break;
            }
        }
    }

    private sealed class LineProgress(TextWriter error, long? total, Stopwatch clock) : IProgress<ImportProgress>
    {
        private TimeSpan _last = TimeSpan.FromSeconds(-1);
        private TimeSpan _writing;

        public void Report(ImportProgress value)
        {
            var reading = value.Stage == ImportStage.Reading;
            if (reading && clock.Elapsed - _last < TimeSpan.FromSeconds(1) && value.Done != total)
            {
                return;
            }

            _last = clock.Elapsed;
            if (value.Stage == ImportStage.Writing)
            {
                _writing = clock.Elapsed;
            }

            error.WriteLine(value.Stage switch
            {
                ImportStage.Reading => $"read {value.Done} {(total is { } t ? $"of {t} " : string.Empty)}lines ({Rate(value.Done, clock.Elapsed, "lines")})",
                ImportStage.Writing => $"writing {value.Done} events in one transaction",
                _ => $"wrote {value.Done} events ({Rate(value.Done, clock.Elapsed - _writing, "events")})",
            });
        }
    }
}
