namespace ClaimsLedger.Cli.Tests;

/// <summary>The synthetic ledger generator: deterministic, valid, and with every kind of event.</summary>
public sealed class GenerateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_same_seed_gives_the_same_file_and_it_imports_cleanly()
    {
        string[] args = ["generate", "--statements", "3000", "--claims", "60", "--actors", "25", "--sources", "7", "--seed", "42"];

        var first = await Cli.InProcessAsync(args);
        var second = await Cli.InProcessAsync(args);
        var other = await Cli.InProcessAsync([.. args[..^1], "43"]);
        var file = _folder.File("synthetic.ndjson");
        await File.WriteAllTextAsync(file, first.Out);
        var afterTheSaidTimes = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var import = await Cli.InProcessAsync(afterTheSaidTimes, "import", file, "--db", _folder.File("ledger.db"));

        Assert.Equal(first.Out, second.Out);
        Assert.NotEqual(first.Out, other.Out);
        Assert.True(import.Code == 0, import.Error);
        foreach (var kind in new[] { "\"kind\":\"retraction\"", "\"kind\":\"investigation-opened\"", "\"kind\":\"investigation-concluded\"",
                     "\"kind\":\"reaction\"", "\"kind\":\"evidence\"", "\"kind\":\"denial\"", "\"type\":\"amendment\"", "\"type\":\"strike\"" })
        {
            Assert.Contains(kind, first.Out, StringComparison.Ordinal);
        }

        Assert.Equal(3000, first.Out.Split('\n').Count(l => l.Contains("\"type\":\"statement\"", StringComparison.Ordinal)));
    }

    public void Dispose() => _folder.Dispose();
}
