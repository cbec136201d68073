using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Cli.Tests;

/// <summary>Runs the tool in-process (with a controlled clock) or as a process (`dotnet claims.dll ...`).</summary>
internal static class Cli
{
    public static readonly DateTimeOffset Now = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    public sealed record Run(int Code, string Out, string Error);

    public static Task<Run> InProcessAsync(params string[] args) => InProcessAsync(new FakeTimeProvider(Now), args);

    public static async Task<Run> InProcessAsync(TimeProvider clock, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = await ClaimsCli.RunAsync(args, new CliEnvironment(output, error, Interactive: false, clock), CancellationToken.None);
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the tool in-process as on a terminal: its consoles render ANSI (live progress bar, colours) into the writers.</summary>
    public static async Task<Run> OnTerminalAsync(TimeProvider clock, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var terminal = new CliEnvironment(output, error, Interactive: true, clock)
        {
            Consoles = (writer, _) => Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
            {
                Out = new Spectre.Console.AnsiConsoleOutput(writer),
                Ansi = Spectre.Console.AnsiSupport.Yes,
                ColorSystem = Spectre.Console.ColorSystemSupport.Standard,
                Interactive = Spectre.Console.InteractionSupport.Yes,
            }),
        };
        var code = await ClaimsCli.RunAsync(args, terminal, CancellationToken.None);
        return new Run(code, output.ToString(), error.ToString());
    }

    public static async Task<Run> ProcessAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Run(process.ExitCode, await output, await error);
    }

    public static Process Start(params string[] args) =>
        Process.Start(new ProcessStartInfo("dotnet", [ToolPath(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;

    /// <summary>How many events a SQLite ledger file holds, read with SQL (not through the tool).</summary>
    public static async Task<long> CountEventsAsync(string db)
    {
        Assert.True(File.Exists(db), $"there is no ledger file {db}");
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM ledger_events";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The events of samples/data/belgorod.ndjson (one a line): counted, since the sample grows.</summary>
    public static int BelgorodEvents => File.ReadLines(Sample("belgorod.ndjson")).Count(l => l.Length > 0);

    public static string Sample(string name) => Path.Combine(RepositoryRoot(), "samples", "data", name);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimsLedger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClaimsLedger.sln not found");
    }

    private static string ToolPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "claims.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("claims.dll is not beside the tests", path);
    }
}

/// <summary>A folder of its own for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "claims-cli-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may hold a handle for a moment.
        }
    }
}
