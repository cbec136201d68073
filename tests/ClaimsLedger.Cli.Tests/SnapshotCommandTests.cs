using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Cli.Tests;

/// <summary>`claims snapshot`, and the views loading the snapshot beside a SQLite ledger.</summary>
public sealed class SnapshotCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Snapshot_writes_the_file_beside_the_ledger_and_the_views_read_the_same_with_it()
    {
        var db = await BelgorodAsync();
        var before = await Cli.InProcessAsync("board", "--as-of", "2023-05-24", "--json", "--db", db);

        var snapshot = await Cli.InProcessAsync("snapshot", "--db", db);
        await Cli.InProcessAsync(new FakeTimeProvider(Cli.Now.AddDays(1)), "import", Cli.Sample("belgorod-correction.ndjson"), "--db", db);
        var after = await Cli.InProcessAsync("board", "--as-of", "2023-05-24", "--recorded-as-of", "2023-05-26T12:00:00Z", "--json", "--db", db);

        Assert.Equal((0, 0), (snapshot.Code, after.Code));
        Assert.StartsWith($"snapshot of {Cli.BelgorodEvents} events up to position {Cli.BelgorodEvents} written to {db}.snapshot", snapshot.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(db + ".snapshot"));
        Assert.Equal(before.Out, after.Out);
        Assert.Equal(string.Empty, after.Error);
    }

    [Fact]
    public async Task A_damaged_snapshot_is_ignored_with_a_warning_and_the_views_are_unchanged()
    {
        var db = await BelgorodAsync();
        var before = await Cli.InProcessAsync("board", "--json", "--db", db);
        var other = _folder.File("other.snapshot");
        await Cli.InProcessAsync("snapshot", "--db", db, "--snapshot", other);
        var bytes = await File.ReadAllBytesAsync(other);
        bytes[^5] ^= 0xFF;
        await File.WriteAllBytesAsync(other, bytes);

        var board = await Cli.InProcessAsync("board", "--json", "--db", db, "--snapshot", other);

        Assert.Equal(0, board.Code);
        Assert.Equal(before.Out, board.Out);
        Assert.Contains("warning: snapshot ignored (snapshot digest does not match its bytes", board.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(db + ".snapshot"));
    }

    [Fact]
    public async Task Snapshot_of_a_server_ledger_without_a_file_is_bad_input()
    {
        var result = await Cli.InProcessAsync("snapshot", "--db", "Host=127.0.0.1;Port=1;Database=none");

        Assert.Equal(2, result.Code);
        Assert.Contains("needs --snapshot FILE", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> BelgorodAsync()
    {
        var db = _folder.File($"{Guid.NewGuid():N}.db");
        var import = await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", db);
        Assert.Equal(0, import.Code);
        return db;
    }

    public void Dispose() => _folder.Dispose();
}
