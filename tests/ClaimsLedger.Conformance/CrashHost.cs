using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClaimsLedger.Storage;
using Xunit;

namespace ClaimsLedger.Conformance;

/// <summary>
/// Drives tests/ClaimsLedger.CrashHost: a child process that appends in a loop, printing "committed i" after each
/// append returns, until this side kills it with SIGKILL. Then checks what a reopened store holds.
/// </summary>
public static partial class CrashHost
{
    /// <summary>Runs the child with <paramref name="arguments"/> until it reported enough commits, then kills it.</summary>
    /// <param name="arguments">Store arguments for the child, e.g. <c>sqlite /tmp/x.db</c>.</param>
    /// <param name="commitsBeforeKill">How many reported commits to wait for.</param>
    /// <param name="meanwhile">Called after every tenth commit, e.g. to write from this process too.</param>
    /// <returns>Every append number the child reported as committed.</returns>
    public static async Task<List<int>> RunAndKillAsync(string[] arguments, int commitsBeforeKill, Func<Task>? meanwhile = null)
    {
        using var child = Process.Start(new ProcessStartInfo("dotnet", [HostPath(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var committed = new List<int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            while (committed.Count < commitsBeforeKill)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token)
                           ?? throw new InvalidOperationException("the child ended early: " + await child.StandardError.ReadToEndAsync());
                if (Committed(line) is { } number)
                {
                    committed.Add(number);
                    if (meanwhile is not null && committed.Count % 10 == 0)
                    {
                        await meanwhile();
                    }
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
            if (Committed(rest) is { } number)
            {
                committed.Add(number);
            }
        }

        return committed;
    }

    /// <summary>Every reported append is there, whole; no append is there in part; positions are gap-free.</summary>
    public static void AssertIntact(IReadOnlyList<RecordedEvent> events, IReadOnlyList<int> committed, bool sequentialPositions)
    {
        var appends = events.Where(e => e.Type == "crash-test.v1")
            .GroupBy(e => int.Parse(AppendNumber().Match(Encoding.UTF8.GetString(e.Data.Span)).Groups[1].Value,
                CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.All(committed, i => Assert.True(appends.ContainsKey(i), $"committed append {i} is missing"));
        Assert.All(appends, a => Assert.True(a.Value == 4, $"append {a.Key} is there in part: {a.Value} of 4 events"));
        if (sequentialPositions)
        {
            Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), events.Select(e => e.Position.ToSequence()));
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
