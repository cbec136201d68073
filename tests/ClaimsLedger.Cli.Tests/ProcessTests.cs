using System.Diagnostics;
using Microsoft.Data.Sqlite;
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
        var board = await Cli.ProcessAsync("board", "--as-of", "2023-05-24", "--db", db);
        var missing = await Cli.ProcessAsync("claim", "nope", "--db", db);
        var help = await Cli.ProcessAsync("--help");

        Assert.True(import.Code == 0, import.Error);
        Assert.Contains("imported 67 events", import.Out, StringComparison.Ordinal);
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
    public async Task An_import_killed_mid_way_leaves_the_ledger_as_it_was()
    {
        var db = _folder.File("ledger.db");
        var big = _folder.File("big.ndjson");
        Assert.Equal(0, (await Cli.ProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", db)).Code);
        Assert.Equal(0, (await Cli.InProcessAsync("generate", "--statements", "150000", "--claims", "2000", "--actors", "300",
            "--sources", "50", "--out", big)).Code);
        var before = await Cli.CountEventsAsync(db);

        using var import = Cli.Start("import", big, "--db", db);
        var killed = false;
        while (await import.StandardError.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("writing", StringComparison.Ordinal))
            {
                await Task.Delay(300);
                import.Kill(entireProcessTree: true);
                killed = true;
                break;
            }
        }

        await import.WaitForExitAsync();
        var after = await Cli.CountEventsAsync(db);

        Assert.True(killed, "the import never reached its writing stage");
        Assert.True(after == before || after > before + 150_000, $"a partial import is visible: {before} -> {after} events");
        Assert.Equal(0, (await Cli.ProcessAsync("board", "--db", db)).Code);
    }

    public void Dispose() => _folder.Dispose();
}
