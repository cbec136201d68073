using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Cli.Tests;

/// <summary>`claims verify`, `digest`, `prove`, `prove-consistency` and `check-proof` on a SQLite ledger.</summary>
public sealed class IntegrityCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Verify_reports_OK_with_the_head_and_digest_prints_the_same_head()
    {
        var db = await BelgorodAsync();

        var verify = await Cli.InProcessAsync("verify", "--db", db);
        var digest = await Cli.InProcessAsync("digest", "--db", db);

        Assert.Equal((0, 0), (verify.Code, digest.Code));
        Assert.Equal($"OK: {Cli.BelgorodEvents} events, head {digest.Out.Trim()}", verify.Out.Trim());
        Assert.Matches($"^claims-ledger-digest/v1/{Cli.BelgorodEvents}/[0-9a-f]{{64}}/[0-9a-f]{{64}}/2023-05-26T12:00:00.0000000Z$", digest.Out.Trim());
    }

    [Fact]
    public async Task Verify_names_the_first_tampered_event_and_exits_5()
    {
        var db = await BelgorodAsync();
        var published = (await Cli.InProcessAsync("digest", "--db", db)).Out.Trim();
        var p = await ScalarAsync(db, "SELECT position FROM ledger_events WHERE CAST(data AS TEXT) LIKE '%\"id\":\"rdk-claims-raid\"%'");
        await ExecuteAsync(db, $"UPDATE ledger_events SET data = CAST(replace(CAST(data AS TEXT), 'rdk', 'frl') AS BLOB) WHERE position = {p}");

        var verify = await Cli.InProcessAsync("verify", "--db", db);
        var extends = await Cli.InProcessAsync("verify", "--digest", published, "--db", db);
        var digest = await Cli.InProcessAsync("digest", "--db", db);

        Assert.Equal((5, 5, 5), (verify.Code, extends.Code, digest.Code));
        Assert.StartsWith($"BROKEN at sequence {p} (position {p}): content: its content hashes to", verify.Out, StringComparison.Ordinal);
        Assert.StartsWith($"BROKEN at sequence {p}", extends.Out, StringComparison.Ordinal);
        Assert.Contains("the ledger's chain is broken, so it has no digest", digest.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_against_a_digest_catches_events_removed_from_the_end()
    {
        var db = await BelgorodAsync();
        var published = (await Cli.InProcessAsync("digest", "--db", db)).Out.Trim();
        await ExecuteAsync(db, "DELETE FROM ledger_events WHERE position > 60");

        var plain = await Cli.InProcessAsync("verify", "--db", db);
        var extends = await Cli.InProcessAsync("verify", "--digest", published, "--db", db);

        Assert.Equal((0, 5), (plain.Code, extends.Code));
        Assert.Contains($"the ledger holds 60 events, fewer than the digest's {Cli.BelgorodEvents}", extends.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_proof_written_by_prove_checks_against_the_digest_without_the_ledger()
    {
        var db = await BelgorodAsync();
        var published = (await Cli.InProcessAsync("digest", "--db", db)).Out.Trim();
        await Cli.InProcessAsync(new FakeTimeProvider(Cli.Now.AddDays(1)), "import", Cli.Sample("belgorod-correction.ndjson"), "--db", db);
        var proofFile = _folder.File("proof.json");

        var prove = await Cli.InProcessAsync("prove", "podolyak-denies-involvement", "--digest", published, "--out", proofFile, "--db", db);
        File.Delete(db);
        var check = await Cli.InProcessAsync("check-proof", proofFile, "--digest", published);
        var wrong = await Cli.InProcessAsync("check-proof", proofFile, "--digest", published.Replace($"/{Cli.BelgorodEvents}/", $"/{Cli.BelgorodEvents - 1}/", StringComparison.Ordinal));

        Assert.Equal((0, 0, 5), (prove.Code, check.Code, wrong.Code));
        Assert.Contains("statement 'podolyak-denies-involvement' is event", prove.Error, StringComparison.Ordinal);
        Assert.Contains($"of {Cli.BelgorodEvents}, recorded 2023-05-26T12:00:00.0000000Z, is in the ledger whose tree of {Cli.BelgorodEvents} events has root",
            check.Out, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"podolyak-denies-involvement\"", check.Out, StringComparison.Ordinal);
        Assert.StartsWith("FAILED", wrong.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consistency_proof_shows_the_grown_ledger_extends_the_published_one()
    {
        var db = await BelgorodAsync();
        var before = (await Cli.InProcessAsync("digest", "--db", db)).Out.Trim();
        await Cli.InProcessAsync(new FakeTimeProvider(Cli.Now.AddDays(1)), "import", Cli.Sample("belgorod-correction.ndjson"), "--db", db);
        var after = (await Cli.InProcessAsync("digest", "--db", db)).Out.Trim();
        var proofFile = _folder.File("consistency.json");

        var prove = await Cli.InProcessAsync("prove-consistency", "--from", before, "--to", after, "--db", db);
        await File.WriteAllTextAsync(proofFile, prove.Out);
        var check = await Cli.InProcessAsync("check-proof", proofFile, "--from", before, "--to", after);
        var swapped = await Cli.InProcessAsync("check-proof", proofFile, "--from", after, "--to", before);

        Assert.Equal((0, 0, 5), (prove.Code, check.Code, swapped.Code));
        Assert.Contains($"its first {Cli.BelgorodEvents} events are unchanged", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proving_an_unknown_statement_or_digesting_an_empty_ledger_is_not_found()
    {
        var db = await BelgorodAsync();
        var empty = _folder.File("empty.db");
        var nothingToImport = _folder.File("nothing.ndjson");
        await File.WriteAllTextAsync(nothingToImport, string.Empty);
        Assert.Equal(0, (await Cli.InProcessAsync("import", nothingToImport, "--db", empty)).Code);

        var unknown = await Cli.InProcessAsync("prove", "no-such-statement", "--db", db);
        var nothing = await Cli.InProcessAsync("digest", "--db", empty);
        var badDigest = await Cli.InProcessAsync("verify", "--digest", "yesterday", "--db", db);

        Assert.Equal((4, 4, 2), (unknown.Code, nothing.Code, badDigest.Code));
        Assert.Contains("statement 'no-such-statement' is not in the ledger", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("the ledger is empty", nothing.Error, StringComparison.Ordinal);
        Assert.Contains("is not a ledger digest", badDigest.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_file_that_is_not_a_proof_is_bad_input()
    {
        var notJson = _folder.File("not-json.json");
        var incomplete = _folder.File("incomplete.json");
        await File.WriteAllTextAsync(notJson, "{ this is not");
        await File.WriteAllTextAsync(incomplete, """{"sequence":1,"treeSize":1}""");
        var digest = "claims-ledger-digest/v1/1/" + new string('a', 64) + "/" + new string('b', 64) + "/2023-05-26T12:00:00.0000000Z";

        var broken = await Cli.InProcessAsync("check-proof", notJson, "--digest", digest);
        var missing = await Cli.InProcessAsync("check-proof", incomplete, "--digest", digest);

        Assert.Equal((2, 2), (broken.Code, missing.Code));
        Assert.Contains("is not a proof", broken.Error, StringComparison.Ordinal);
        Assert.Contains("the InclusionProof has no 'stream'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_an_export_reports_its_verified_digest_and_refuses_a_tampered_one_naming_the_line()
    {
        var db = await BelgorodAsync();
        var digest = (await Cli.InProcessAsync("digest", "--db", db)).Out.Trim();
        var exportFile = _folder.File("export.ndjson");
        await Cli.InProcessAsync("export", "--out", exportFile, "--db", db);
        var lines = await File.ReadAllLinesAsync(exportFile);
        lines[40] = lines[40].Replace("\"recordedAt\":\"2023-05-26T12:00:00.0000000Z\"", "\"recordedAt\":\"2023-05-26T12:00:00.0000001Z\"",
            StringComparison.Ordinal);
        var tamperedFile = _folder.File("tampered.ndjson");
        await File.WriteAllLinesAsync(tamperedFile, lines);

        var good = await Cli.InProcessAsync("import", exportFile, "--db", _folder.File("copy.db"));
        var bad = await Cli.InProcessAsync("import", tamperedFile, "--db", _folder.File("forged.db"));

        Assert.Equal((0, 2), (good.Code, bad.Code));
        Assert.Contains($"the export's hash chain holds; its digest: {digest}", good.Out, StringComparison.Ordinal);
        Assert.Contains("line 41: ledger.hash: the chain breaks at sequence 41", bad.Error, StringComparison.Ordinal);
    }

    private async Task<string> BelgorodAsync()
    {
        var db = _folder.File($"{Guid.NewGuid():N}.db");
        var import = await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", db);
        Assert.Equal(0, import.Code);
        return db;
    }

    private static async Task<long> ScalarAsync(string db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0, "the tampering changed nothing");
    }

    public void Dispose() => _folder.Dispose();
}
