using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Cli.Tests;

/// <summary>An import's progress: a live bar with count, rate and elapsed time on a terminal; plain lines otherwise.</summary>
public sealed class ProgressTests : IDisposable
{
    private const string Escape = "\u001b[";
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _afterTheSaidTimes = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task On_a_terminal_an_import_draws_a_live_bar_ending_with_the_counts_and_the_write_rate()
    {
        var file = await GeneratedAsync();
        var lines = File.ReadLines(file).Count();

        var import = await Cli.OnTerminalAsync(_afterTheSaidTimes, "import", file, "--db", _folder.File("ledger.db"));

        Assert.True(import.Code == 0, import.Error);
        Assert.Contains(Escape, import.Error, StringComparison.Ordinal);
        Assert.Matches($@"read {lines:N0} lines, wrote {lines:N0} events, \d+ events/s", import.Error);
        Assert.Contains("━", import.Error, StringComparison.Ordinal);
        Assert.DoesNotContain($"read {lines} of {lines} lines (", import.Error, StringComparison.Ordinal);
        Assert.StartsWith($"imported {lines} events", import.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_an_import_writes_plain_progress_lines_without_escapes()
    {
        var file = await GeneratedAsync();
        var lines = File.ReadLines(file).Count();

        var import = await Cli.InProcessAsync(_afterTheSaidTimes, "import", file, "--db", _folder.File("ledger.db"));

        Assert.True(import.Code == 0, import.Error);
        Assert.DoesNotContain(Escape, import.Error, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^read {lines} of {lines} lines \(\d+ lines/s\)\nwriting {lines} events in one transaction\nwrote {lines} events \(\d+ events/s\)\n$",
            import.Error);
    }

    private async Task<string> GeneratedAsync()
    {
        var file = _folder.File("generated.ndjson");
        var generate = await Cli.InProcessAsync("generate", "--statements", "2000", "--claims", "40", "--actors", "20",
            "--sources", "5", "--out", file);
        Assert.True(generate.Code == 0, generate.Error);
        return file;
    }

    public void Dispose() => _folder.Dispose();
}
