using System.Diagnostics;
using System.Reflection;

namespace ClaimsLedger.Tests.Docs;

/// <summary>The samples run and print what their README promises. They write to the console, so not in parallel.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class SampleTests
{
    [Fact]
    public async Task The_Belgorod_sample_records_into_a_file_then_replays_from_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"belgorod-{Guid.NewGuid():N}.db");
        try
        {
            var first = await RunAsync("Belgorod", "--store", "sqlite:" + file);
            var second = await RunAsync("Belgorod", "--store", "sqlite:" + file);

            Assert.Contains($"Recorded {HistoryEvents} events into the SQLite file", first, StringComparison.Ordinal);
            Assert.Contains($"Replaying the {HistoryEvents + 1} events already in the SQLite file", second, StringComparison.Ordinal);
            Assert.Equal(first[first.IndexOf('\n', StringComparison.Ordinal)..], second[second.IndexOf('\n', StringComparison.Ordinal)..]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var leftover in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
            {
                File.Delete(leftover);
            }
        }
    }

    [Fact]
    public async Task The_Belgorod_sample_without_arguments_records_into_belgorod_db_in_the_current_folder_then_replays_it()
    {
        var folder = Directory.CreateTempSubdirectory("belgorod-default-");
        try
        {
            // Run as a program of its own in an empty folder, as a reader would: `dotnet run` with no arguments.
            var first = await RunInFolderAsync("Belgorod", folder.FullName);
            var second = await RunInFolderAsync("Belgorod", folder.FullName);

            var file = Path.Combine(folder.FullName, "belgorod.db");
            Assert.True(File.Exists(file), $"no {file} after the first run:\n{first}");
            Assert.Contains($"Recorded {HistoryEvents} events into the SQLite file {file}.", first, StringComparison.Ordinal);
            Assert.Contains($"Replaying the {HistoryEvents + 1} events already in the SQLite file {file}.", second,
                StringComparison.Ordinal);
            Assert.Equal(first[first.IndexOf('\n', StringComparison.Ordinal)..], second[second.IndexOf('\n', StringComparison.Ordinal)..]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_Belgorod_sample_prints_three_boards_and_the_correction()
    {
        var output = await RunAsync("Belgorod", "--store", "memory");

        Assert.Contains("Who says what — certainly said by end of 2023-05-22", output, StringComparison.Ordinal);
        Assert.Contains("Who says what — certainly said by end of 2023-05-24", output, StringComparison.Ordinal);
        Assert.Contains("Who says what — certainly said by end of 2023-05-26", output, StringComparison.Ordinal);
        Assert.Contains("The board as recorded after the correction", output, StringComparison.Ordinal);
        Assert.Contains("John Kirby, White House — 2023-05-22/2023-05-26 “we don’t enable", output, StringComparison.Ordinal);
        Assert.Contains("Matthew Miller, US State Department — 2023-05-22/2023-05-26 “we don’t enable", output, StringComparison.Ordinal);
        Assert.Contains("(reattributed)", output, StringComparison.Ordinal);
        Assert.Contains($"Hash chain OK: {HistoryEvents + 1} events, head claims-ledger-digest/v1/{HistoryEvents + 1}/", output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quick_start_sample_prints_a_contested_claim()
    {
        var output = await RunAsync("QuickStart");

        Assert.Contains("■ Ukraine directed the Belgorod raid  [ukraine-behind-raid]  — CONTESTED", output, StringComparison.Ordinal);
        Assert.Contains("Mykhailo Podolyak — 2023-05-22 “nothing to do with it”", output, StringComparison.Ordinal);
    }

    /// <summary>The events the Belgorod history records on a first run; the correction adds one more.</summary>
    private static int HistoryEvents => global::Belgorod.BelgorodHistory.Registrations.Count + global::Belgorod.BelgorodHistory.Statements.Count;

    /// <summary>Runs a sample built next to the tests as a process of its own, with no arguments, in <paramref name="folder"/>.</summary>
    private static async Task<string> RunInFolderAsync(string assembly, string folder)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly + ".dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{assembly} exited with {process.ExitCode}: {await errors}");
        return await output;
    }

    private static async Task<string> RunAsync(string assembly, params string[] args)
    {
        var entry = Assembly.Load(assembly).EntryPoint!;
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var result = entry.Invoke(null, [args]);
            if (result is Task<int> withCode)
            {
                Assert.Equal(0, await withCode);
            }
            else if (result is Task task)
            {
                await task;
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        return output.ToString();
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
