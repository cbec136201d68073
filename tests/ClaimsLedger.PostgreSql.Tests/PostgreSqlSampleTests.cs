using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// The Belgorod sample's <c>--store postgres</c>, run as the README says, in a process of its own: the first run
/// records the history into a fresh schema, the second replays it from there.
/// </summary>
public sealed partial class PostgreSqlSampleTests : IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();

    [SkippableFact]
    public async Task The_Belgorod_sample_records_into_a_fresh_schema_then_replays_from_it()
    {
        // The sample works in the first schema of the connection string's search path.
        var connection = TestServer.Require() + ";Search Path=" + _schema;

        var first = await RunBelgorodAsync("--store", "postgres:" + connection);
        var second = await RunBelgorodAsync("--store", "postgres:" + connection);

        var recorded = Recorded().Match(first);
        Assert.True(recorded.Success, "the first run did not record: " + first);
        Assert.Equal(_schema, recorded.Groups["schema"].Value);
        Assert.True(int.Parse(recorded.Groups["count"].Value, CultureInfo.InvariantCulture) > 0);
        var replayed = Replaying().Match(second);
        Assert.True(replayed.Success, "the second run did not replay: " + second);
        Assert.Equal(_schema, replayed.Groups["schema"].Value);
        Assert.Equal(await TestServer.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".events"), replayed.Groups["count"].Value);
        Assert.Equal(first[first.IndexOf('\n', StringComparison.Ordinal)..], second[second.IndexOf('\n', StringComparison.Ordinal)..]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);

    private static async Task<string> RunBelgorodAsync(params string[] args)
    {
        using var sample = Process.Start(new ProcessStartInfo("dotnet", [SamplePath(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var output = sample.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = sample.StandardError.ReadToEndAsync(timeout.Token);
        await sample.WaitForExitAsync(timeout.Token);
        Assert.True(sample.ExitCode == 0, $"the sample exited with {sample.ExitCode}: {await errors}");
        return (await output).ReplaceLineEndings("\n");
    }

    private static string SamplePath()
    {
        // tests/<Project>/bin/<Configuration>/<tfm> → samples/Belgorod/bin/<Configuration>/<tfm>
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent!.Name;
        var root = here.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var sample = Path.Combine(root, "samples", "Belgorod", "bin", configuration, here.Name, "Belgorod.dll");
        return File.Exists(sample) ? sample : throw new FileNotFoundException("build samples/Belgorod first", sample);
    }

    [GeneratedRegex(@"^Recorded (?<count>\d+) events into PostgreSQL \(schema (?<schema>[^)]+)\)\.$", RegexOptions.Multiline)]
    private static partial Regex Recorded();

    [GeneratedRegex(@"^Replaying the (?<count>\d+) events already in PostgreSQL \(schema (?<schema>[^)]+)\)\.$", RegexOptions.Multiline)]
    private static partial Regex Replaying();
}
