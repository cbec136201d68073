using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Cli.Tests;

/// <summary>The tool as a user runs it: `dotnet claims.dll ...` in a process of its own.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Import_then_board_as_a_process_with_exit_codes()
    {
        var db = _folder.File("ledger.db");

        var import = await Cli.ProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", db);
        var board = await Cli.ProcessAsync("board", "--as-of", "2023-05-24", "--possibly", "--db", db);
        var missing = await Cli.ProcessAsync("claim", "nope", "--db", db);
        var help = await Cli.ProcessAsync("--help");

        Assert.True(import.Code == 0, import.Error);
        Assert.Contains($"imported {File.ReadLines(Cli.Sample("belgorod.ndjson")).Count(l => l.Length > 0)} events", import.Out,
            StringComparison.Ordinal);
        Assert.Equal(0, board.Code);
        Assert.Contains("CONTESTED", board.Out, StringComparison.Ordinal);
        Assert.Equal(4, missing.Code);
        Assert.Equal(0, help.Code);
        Assert.Contains("import", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_starts_tier_up_at_once_without_pgo_and_collects_on_every_core()
    {
        // A command opens its ledger first thing: these settings take about a third off a large open in a fresh
        // process (docs/performance.md), and the bench's open probe runs with the same ones.
        var config = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "claims.runtimeconfig.json")));
        var properties = (JObject)config["runtimeOptions"]!["configProperties"]!;

        Assert.Equal(0, (int)properties["System.Runtime.TieredCompilation.CallCountingDelayMs"]!);
        Assert.False((bool)properties["System.Runtime.TieredPGO"]!);
        Assert.True((bool)properties["System.GC.Server"]!);
    }

    [Fact]
    public async Task An_import_killed_by_SIGKILL_in_its_write_leaves_the_ledger_as_it_was()
    {
        var db = _folder.File("ledger.db");
        var big = _folder.File("big.ndjson");
        Assert.Equal(0, (await Cli.ProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", db)).Code);
        // Large enough that its one transaction outgrows SQLite's page cache (64 MiB) and spills pages into the WAL
        // for seconds before it commits (about 130 MB of pages).
        Assert.Equal(0, (await Cli.InProcessAsync("generate", "--statements", "300000", "--claims", "3000", "--actors", "400",
            "--sources", "50", "--out", big)).Code);
        var before = await Cli.CountEventsAsync(db);
        var wal = db + "-wal";

        using var import = Cli.Start("import", big, "--db", db);
        var output = import.StandardOutput.ReadToEndAsync();
        var writing = false;
        while (!writing && await import.StandardError.ReadLineAsync() is { } line)
        {
            writing = line.StartsWith("writing", StringComparison.Ordinal);
        }

        // The write is under way once the transaction's pages reach the WAL; it commits only after all of them have.
        var walBefore = Size(wal);
        var waited = Stopwatch.StartNew();
        while (Size(wal) <= walBefore && !import.HasExited && waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(5);
        }

        var walWhenKilled = Size(wal);
        var exitedOnItsOwn = import.HasExited;
        import.Kill(entireProcessTree: true);
        await import.WaitForExitAsync();
        var rest = await import.StandardError.ReadToEndAsync();
        var after = await Cli.CountEventsAsync(db);

        Assert.True(writing, "the import never reached its writing stage");
        Assert.False(exitedOnItsOwn, "the import ended before it was killed");
        Assert.True(walWhenKilled > walBefore, $"the write never reached the WAL ({walBefore} -> {walWhenKilled} bytes)");
        Assert.Equal(128 + 9, import.ExitCode);
        Assert.DoesNotContain("wrote", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("imported", await output, StringComparison.Ordinal);
        Assert.Equal(before, after);
        Assert.Equal(0, (await Cli.ProcessAsync("board", "--db", db)).Code);
    }

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public void Dispose() => _folder.Dispose();
}
