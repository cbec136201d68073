using System.Diagnostics;
using System.Globalization;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Snapshots;
using ClaimsLedger.Sqlite;

namespace ClaimsLedger.Benchmarks.Ours;

/// <summary>
/// Opening a ledger file and answering its first as-of query, in a fresh process (cold: nothing jitted, nothing
/// cached in the process). The parent runs <c>open-probe FILE CLAIM SAID_TICKS RECORDED_TICKS</c> and reads one line.
/// </summary>
internal static class OpenProbe
{
    public const string Command = "open-probe";

    /// <summary>The child: open, query once, print "open-probe OPEN_MS QUERY_MS SINCE_START_MS POSITIONS GC_PAUSE_MS
    /// HEAP_BYTES" (the managed heap the open ledger holds: the settled heap after, minus the heap at start; nothing
    /// else lives in this process).</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        // Not settled by forced collections: those would change how the collector tunes itself during the open.
        // The heap of a process that has done nothing yet is a few hundred KB.
        var baseline = GC.GetTotalMemory(forceFullCollection: false);
        var clock = Stopwatch.StartNew();
        var store = await SqliteEventStore.OpenAsync(args[1]);
        await using var _ = store;
        var mode = args.Length > 5 ? args[5] : "eager";
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions
        {
            LoadInBackground = mode == "background",
            Snapshots = mode.StartsWith("snapshot", StringComparison.Ordinal) ? FileSnapshotStore.Beside(args[1]) : null,
            SnapshotVerification = mode == "snapshot-head" ? SnapshotVerification.Head : SnapshotVerification.Events,
        });
        if (mode.StartsWith("snapshot", StringComparison.Ordinal) && ledger.Snapshot.Outcome != SnapshotOutcome.Used)
        {
            throw new InvalidOperationException($"the snapshot was not used: {ledger.Snapshot}");
        }
        var opened = clock.Elapsed;
        var asOf = new AsOf(new DateTimeOffset(long.Parse(args[3], CultureInfo.InvariantCulture), TimeSpan.Zero),
            new DateTimeOffset(long.Parse(args[4], CultureInfo.InvariantCulture), TimeSpan.Zero),
            SaidInclusion.CertainlySaid);
        var status = await ledger.GetClaimAsync(new ClaimId(args[2]), asOf);
        var answered = clock.Elapsed;
        await ledger.Loaded;
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var paused = GC.GetTotalPauseDuration();
        var heap = HeapMeter.Settled() - baseline;
        GC.KeepAlive(ledger);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Command} {opened.TotalMilliseconds:0.0} {(answered - opened).TotalMilliseconds:0.000} " +
            $"{sinceStart.TotalMilliseconds:0.0} {status?.Positions.Count ?? -1} {paused.TotalMilliseconds:0.0} {heap}"));
        return 0;
    }

    /// <summary>Runs the child: open + first query inside the process, the process's wall time, the open alone, and
    /// the collector's pauses in the child.</summary>
    public static async Task<(TimeSpan InProcess, TimeSpan Wall, TimeSpan Open, TimeSpan GcPause, long HeapBytes)> RunAsync(string path, ClaimId claim,
        AsOf asOf, string mode, CancellationToken cancellationToken, ProbeRuntime runtime = ProbeRuntime.Default)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(OpenProbe).Assembly.Location);
        }

        foreach (var argument in new[] { Command, path, claim.Value,
                     asOf.Said.UtcTicks.ToString(CultureInfo.InvariantCulture),
                     asOf.Recorded.UtcTicks.ToString(CultureInfo.InvariantCulture), mode })
        {
            start.ArgumentList.Add(argument);
        }

        if (runtime is ProbeRuntime.ServerGc or ProbeRuntime.ClaimsTool)
        {
            start.Environment["DOTNET_gcServer"] = "1";
        }

        if (runtime == ProbeRuntime.ClaimsTool)
        {
            // What src/ClaimsLedger.Cli's project writes into claims.runtimeconfig.json.
            start.Environment["DOTNET_TieredPGO"] = "0";
            start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        }

        var wall = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the probe did not start");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        wall.Stop();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Command, StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"the probe failed (exit {process.ExitCode}): {output}");
        var parts = line.Split(' ');
        var open = TimeSpan.FromMilliseconds(double.Parse(parts[1], CultureInfo.InvariantCulture));
        var query = TimeSpan.FromMilliseconds(double.Parse(parts[2], CultureInfo.InvariantCulture));
        var gcPause = TimeSpan.FromMilliseconds(double.Parse(parts[5], CultureInfo.InvariantCulture));
        return (open + query, wall.Elapsed, open, gcPause, long.Parse(parts[6], CultureInfo.InvariantCulture));
    }
}

/// <summary>The runtime settings an open probe's process runs with.</summary>
internal enum ProbeRuntime
{
    /// <summary>The bench app's own: workstation concurrent GC, tiered compilation with PGO and its start-up delay.</summary>
    Default,

    /// <summary>The server garbage collector (<c>DOTNET_gcServer=1</c>).</summary>
    ServerGc,

    /// <summary>The <c>claims</c> tool's: server GC, no tiered PGO, tier-up without the start-up delay.</summary>
    ClaimsTool,
}
