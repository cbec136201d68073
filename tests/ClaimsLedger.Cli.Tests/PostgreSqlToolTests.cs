using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ClaimsLedger.Cli.Tests;

/// <summary>
/// The tool on a PostgreSQL ledger (<c>--db "Host=..."</c>, a fresh <c>--schema</c> per test): import, board, export and
/// import round trip, and a bad file that writes nothing. Needs the server named by CLAIMS_PG_CONN (set by
/// .ci/with-postgres.sh); skipped without it, like the store's own PostgreSQL tests.
/// </summary>
public sealed class PostgreSqlToolTests : IAsyncLifetime
{
    private const string Variable = "CLAIMS_PG_CONN";
    private readonly List<string> _schemas = [];
    private readonly TempFolder _folder = new();

    private static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    [SkippableFact]
    public async Task Import_then_board_on_PostgreSQL_shows_the_same_board_as_on_SQLite()
    {
        var (db, schema) = NewLedger();
        var sqlite = _folder.File("ledger.db");

        var import = await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", db, "--schema", schema);
        await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", sqlite);
        var board = await Cli.InProcessAsync("board", "--as-of", "2023-05-26", "--db", db, "--schema", schema);
        var json = await Cli.InProcessAsync("board", "--as-of", "2023-05-26", "--json", "--db", db, "--schema", schema);
        var fromSqlite = await Cli.InProcessAsync("board", "--as-of", "2023-05-26", "--json", "--db", sqlite);

        Assert.True(import.Code == 0, import.Error);
        Assert.Equal(await CountAsync(schema), await Cli.CountEventsAsync(sqlite));
        Assert.Equal(0, board.Code);
        Assert.Contains("[ukraine-behind-belgorod-raid] CONTESTED", board.Out, StringComparison.Ordinal);
        Assert.Equal(fromSqlite.Out, json.Out);
    }

    [SkippableFact]
    public async Task An_export_from_PostgreSQL_imported_into_an_empty_schema_reproduces_it()
    {
        var (db, original) = NewLedger();
        var (_, copy) = NewLedger();
        await Cli.InProcessAsync(new FakeTimeProvider(Cli.Now), "import", Cli.Sample("belgorod.ndjson"), "--db", db, "--schema", original);
        await Cli.InProcessAsync(new FakeTimeProvider(Cli.Now.AddDays(1)), "import", Cli.Sample("belgorod-correction.ndjson"),
            "--db", db, "--schema", original);
        var file = _folder.File("export.ndjson");

        var export = await Cli.InProcessAsync("export", "--out", file, "--db", db, "--schema", original);
        var import = await Cli.InProcessAsync(new FakeTimeProvider(Cli.Now.AddYears(2)), "import", file, "--db", db, "--schema", copy);
        var again = await Cli.InProcessAsync("export", "--db", db, "--schema", copy);

        Assert.True((export.Code, import.Code) == (0, 0), export.Error + import.Error);
        Assert.Contains("an export, restored with its recordedAt", import.Out, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(file), again.Out);
        foreach (var recorded in new[] { "2023-05-26T12:00Z", "2023-05-27T12:00Z" })
        {
            string[] args = ["board", "--json", "--as-of", "2023-05-26", "--recorded-as-of", recorded, "--db", db];
            Assert.Equal((await Cli.InProcessAsync([.. args, "--schema", original])).Out, (await Cli.InProcessAsync([.. args, "--schema", copy])).Out);
        }
    }

    [SkippableFact]
    public async Task A_file_with_a_bad_line_writes_nothing_into_a_PostgreSQL_ledger()
    {
        var (db, schema) = NewLedger();
        var lines = (await File.ReadAllLinesAsync(Cli.Sample("belgorod.ndjson"))).Append(
            """{"type":"statement","id":"s-ghost","kind":"assertion","claim":"raid-by-rdk-and-frl","actor":"ghost","saidAt":"2023-05-22","source":"seed-article-2023-05-26"}""").ToList();
        var file = _folder.File("bad.ndjson");
        await File.WriteAllLinesAsync(file, lines);
        var nothing = _folder.File("nothing.ndjson");
        await File.WriteAllTextAsync(nothing, string.Empty);
        Assert.Equal(0, (await Cli.InProcessAsync("import", nothing, "--db", db, "--schema", schema)).Code);

        var run = await Cli.InProcessAsync("import", file, "--db", db, "--schema", schema);

        Assert.Equal(2, run.Code);
        Assert.Contains($"line {lines.Count}: actor: statement 's-ghost': unknown actor 'ghost'", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(schema));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        if (Server is { } server)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            foreach (var schema in _schemas)
            {
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private (string Db, string Schema) NewLedger()
    {
        Skip.If(Server is null, $"{Variable} is not set: run `bash .ci/with-postgres.sh dotnet test` to start a throwaway PostgreSQL, " +
                                "or point it at a server of your own");
        var schema = "cli_" + Guid.NewGuid().ToString("N")[..20];
        _schemas.Add(schema);
        return (Server!, schema);
    }

    private static async Task<long> CountAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
