using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClaimsLedger.Storage;
using Xunit;

namespace ClaimsLedger.Conformance;

/// <summary>
/// Drives tests/ClaimsLedger.CrashHost: a child process that appends in a loop, printing "begin i" before each append
/// and "committed i" after it returns, until this side kills it with SIGKILL while an append is in flight. Then checks
/// what a reopened store holds.
/// </summary>
public static partial class CrashHost
{
    /// <summary>
    /// Runs the child with <paramref name="arguments"/> until it reported enough commits, then kills it right after it
    /// announced an append it has not reported committed (one in flight).
    /// </summary>
    /// <param name="arguments">Store arguments for the child, e.g. <c>sqlite /tmp/x.db</c>.</param>
    /// <param name="commitsBeforeKill">How many reported commits to wait for.</param>
    /// <param name="meanwhile">Called after every tenth commit until the commits are in, e.g. to write from this process too.</param>
    /// <param name="beforeKill">Called once the commits are in, before the kill, e.g. to close this process's store.</param>
    /// <param name="openTransaction">
    /// When given, the child is stopped (SIGSTOP) right after it announced an append in flight, and this is asked,
    /// with the child's process id, for what shows that the child's write transaction is open at that moment (it cannot
    /// commit while stopped); null lets the child go on to the next append and is asked again then. The kill follows
    /// the first evidence; after <see cref="EvidenceAttempts"/> appends without any, the child is killed anyway and
    /// <see cref="CrashOutcome.OpenTransaction"/> is null.
    /// </param>
    /// <returns>Every append number the child reported as committed, and the one it had begun and not reported.</returns>
    public static async Task<CrashOutcome> RunAndKillAsync(string[] arguments, int commitsBeforeKill,
        Func<Task>? meanwhile = null, Func<Task>? beforeKill = null, Func<int, Task<string?>>? openTransaction = null)
    {
        using var child = Process.Start(new ProcessStartInfo("dotnet", [HostPath(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var committed = new List<int>();
        int? begun = null;
        string? evidence = null;
        var attempts = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            var ready = false;
            while (true)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token)
                           ?? throw new InvalidOperationException("the child ended early: " + await child.StandardError.ReadToEndAsync());
                Read(line, committed, ref begun);
                if (!ready && committed.Count >= commitsBeforeKill)
                {
                    ready = true;
                    if (beforeKill is not null)
                    {
                        await beforeKill();
                    }
                }
                else if (ready && begun is { } number && !committed.Contains(number))
                {
                    // The child has begun append `number` and not reported it: kill it now, or once it is shown to be
                    // inside the append's transaction.
                    if (openTransaction is null)
                    {
                        break;
                    }

                    await SignalAsync("STOP", child.Id);
                    evidence = await openTransaction(child.Id);
                    if (evidence is not null || ++attempts >= EvidenceAttempts)
                    {
                        break;
                    }

                    await SignalAsync("CONT", child.Id);
                }
                else if (!ready && Committed(line) is not null && meanwhile is not null && committed.Count % 10 == 0)
                {
                    await meanwhile();
                }
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None);
        }

        // Lines printed before the kill count as reported too.
        while (await child.StandardOutput.ReadLineAsync(CancellationToken.None) is { } rest)
        {
            Read(rest, committed, ref begun);
        }

        var inFlight = begun is { } last && !committed.Contains(last) ? last : (int?)null;
        return new CrashOutcome(committed, inFlight, evidence);
    }

    /// <summary>How many in-flight appends <c>RunAndKillAsync</c> examines for an open transaction before it gives up.</summary>
    public const int EvidenceAttempts = 200;

    private static async Task SignalAsync(string signal, int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", processId.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        await kill.WaitForExitAsync(CancellationToken.None);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {processId} exited with {kill.ExitCode}");
        }
    }

    /// <summary>
    /// Every reported append is there, whole; the one in flight is there whole or not at all; nothing else is there;
    /// positions are gap-free.
    /// </summary>
    public static void AssertIntact(IReadOnlyList<RecordedEvent> events, CrashOutcome outcome, bool sequentialPositions)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var appends = events.Where(e => e.Type == "crash-test.v1")
            .GroupBy(e => int.Parse(AppendNumber().Match(Encoding.UTF8.GetString(e.Data.Span)).Groups[1].Value,
                CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.All(outcome.Committed, i => Assert.True(appends.ContainsKey(i), $"committed append {i} is missing"));
        Assert.All(appends, a => Assert.True(a.Value == 4, $"append {a.Key} is there in part: {a.Value} of 4 events"));
        Assert.All(appends.Keys, i => Assert.True(outcome.Committed.Contains(i) || i == outcome.InFlight,
            $"append {i} is there but was neither reported committed nor in flight"));
        if (sequentialPositions)
        {
            Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), events.Select(e => e.Position.ToSequence()));
        }
    }

    private static void Read(string line, List<int> committed, ref int? begun)
    {
        if (Committed(line) is { } done)
        {
            committed.Add(done);
        }
        else if (line.StartsWith("begin ", StringComparison.Ordinal))
        {
            begun = int.Parse(line.AsSpan("begin ".Length), CultureInfo.InvariantCulture);
        }
    }

    private static int? Committed(string line) =>
        line.StartsWith("committed ", StringComparison.Ordinal)
            ? int.Parse(line.AsSpan("committed ".Length), CultureInfo.InvariantCulture)
            : null;

    private static string HostPath()
    {
        // tests/<Project>/bin/<Configuration>/<tfm> → tests/ClaimsLedger.CrashHost/bin/<Configuration>/<tfm>
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var host = Path.Combine(tests, "ClaimsLedger.CrashHost", "bin", configuration, here.Name, "ClaimsLedger.CrashHost.dll");
        return File.Exists(host) ? host : throw new FileNotFoundException("build tests/ClaimsLedger.CrashHost first", host);
    }

    [GeneratedRegex("\"append\":(\\d+)")]
    private static partial Regex AppendNumber();
}

/// <summary>What a killed crash host reported.</summary>
/// <param name="Committed">The appends it reported committed, in order.</param>
/// <param name="InFlight">The append it had begun and not reported when it was killed; null if none.</param>
/// <param name="OpenTransaction">
/// What showed, with the child stopped just before the kill, that its write transaction was open; null if not looked
/// for or never seen.
/// </param>
public sealed record CrashOutcome(IReadOnlyList<int> Committed, int? InFlight, string? OpenTransaction = null);
