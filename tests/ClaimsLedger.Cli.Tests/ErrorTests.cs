namespace ClaimsLedger.Cli.Tests;

/// <summary>Bad input is refused with every bad line named, nothing written, and a meaningful exit code.</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("ledger.db");

    [Fact]
    public async Task An_import_with_bad_lines_writes_nothing_and_reports_each_line_field_and_reason()
    {
        var lines = (await File.ReadAllLinesAsync(Cli.Sample("belgorod.ndjson"))).ToList();
        lines.Insert(3, """{"type":"claim","id":"broken","text":"missing brace" """);
        lines.Insert(5, """{"type":"rumour","id":"x"}""");
        lines.Insert(7, """{"type":"actor","id":"kirby2","name":"J","kind":"person","age":60}""");
        lines.Add("""{"type":"statement","id":"s-ghost","kind":"assertion","claim":"raid-by-rdk-and-frl","actor":"ghost","saidAt":"2023-05-22","source":"seed-article-2023-05-26"}""");
        lines.Add("""{"type":"statement","id":"s-date","kind":"denial","claim":"raid-by-rdk-and-frl","actor":"rdk","saidAt":"2023-02-30","source":"seed-article-2023-05-26"}""");
        var file = _folder.File("bad.ndjson");
        await File.WriteAllLinesAsync(file, lines);
        await CreateEmptyLedgerAsync();

        var run = await Cli.InProcessAsync("import", file, "--db", Db);

        Assert.Equal(2, run.Code);
        Assert.Contains("bad.ndjson was rejected; nothing was imported:", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4: malformed JSON", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 6: type: unknown line type 'rumour'", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 8: age: unknown field for an actor line", run.Error, StringComparison.Ordinal);
        Assert.Contains($"line {lines.Count - 1}: actor: statement 's-ghost': unknown actor 'ghost'", run.Error, StringComparison.Ordinal);
        Assert.Contains($"line {lines.Count}: saidAt: '2023-02-30' is not a valid date", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await Cli.CountEventsAsync(Db));
    }

    [Fact]
    public async Task Semantic_errors_are_reported_by_line_after_the_file_parses()
    {
        var lines = (await File.ReadAllLinesAsync(Cli.Sample("belgorod.ndjson"))).ToList();
        lines.Add("""{"type":"statement","id":"r-missing","kind":"retraction","claim":"raid-by-rdk-and-frl","actor":"rdk","saidAt":"2023-05-25","source":"seed-article-2023-05-26","target":"never-said"}""");
        lines.Add("""{"type":"statement","id":"podolyak-denies-involvement","kind":"assertion","claim":"ukraine-behind-belgorod-raid","actor":"podolyak","saidAt":"2023-05-22","source":"seed-article-2023-05-26"}""");
        var file = _folder.File("semantic.ndjson");
        await File.WriteAllLinesAsync(file, lines);
        await CreateEmptyLedgerAsync();

        var run = await Cli.InProcessAsync("import", file, "--db", Db);

        Assert.Equal(2, run.Code);
        Assert.Contains($"line {lines.Count - 1}: target: statement 'r-missing': retracts unknown statement 'never-said'", run.Error, StringComparison.Ordinal);
        Assert.Contains($"line {lines.Count}: id: statement 'podolyak-denies-involvement': statement 'podolyak-denies-involvement' is already recorded with different content", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await Cli.CountEventsAsync(Db));
    }

    // One bad line of each kind after the good Belgorod notes: the whole file is refused, naming the last line.
    [Theory]
    [InlineData("malformed JSON", """{"type":"claim","id":"broken","text":"missing brace" """, "malformed JSON")]
    [InlineData("unknown type", """{"type":"rumour","id":"x"}""", "type: unknown line type 'rumour'")]
    [InlineData("unknown field", """{"type":"actor","id":"kirby2","name":"J","kind":"person","age":60}""", "age: unknown field for an actor line")]
    [InlineData("unknown referenced id", """{"type":"statement","id":"s-ghost","kind":"assertion","claim":"raid-by-rdk-and-frl","actor":"ghost","saidAt":"2023-05-22","source":"seed-article-2023-05-26"}""", "actor: statement 's-ghost': unknown actor 'ghost'")]
    [InlineData("invalid date", """{"type":"statement","id":"s-date","kind":"denial","claim":"raid-by-rdk-and-frl","actor":"rdk","saidAt":"2023-02-30","source":"seed-article-2023-05-26"}""", "saidAt: '2023-02-30' is not a valid date")]
    [InlineData("retraction of a missing statement", """{"type":"statement","id":"r-missing","kind":"retraction","claim":"raid-by-rdk-and-frl","actor":"rdk","saidAt":"2023-05-25","source":"seed-article-2023-05-26","target":"never-said"}""", "target: statement 'r-missing': retracts unknown statement 'never-said'")]
    [InlineData("duplicate id with different content", """{"type":"statement","id":"podolyak-denies-involvement","kind":"assertion","claim":"ukraine-behind-belgorod-raid","actor":"podolyak","saidAt":"2023-05-22","source":"seed-article-2023-05-26"}""", "id: statement 'podolyak-denies-involvement': statement 'podolyak-denies-involvement' is already recorded with different content")]
    public async Task A_file_with_one_bad_line_writes_no_event_and_creates_no_ledger_file(string kind, string badLine, string reason)
    {
        var lines = (await File.ReadAllLinesAsync(Cli.Sample("belgorod.ndjson"))).Append(badLine).ToList();
        var file = _folder.File($"{kind.Replace(' ', '-')}.ndjson");
        await File.WriteAllLinesAsync(file, lines);
        var fresh = _folder.File("fresh.db");
        await CreateEmptyLedgerAsync();

        var intoNothing = await Cli.InProcessAsync("import", file, "--db", fresh);
        var intoEmpty = await Cli.InProcessAsync("import", file, "--db", Db);

        Assert.Equal((2, 2), (intoNothing.Code, intoEmpty.Code));
        Assert.Contains($"line {lines.Count}: {reason}", intoNothing.Error, StringComparison.Ordinal);
        Assert.Contains($"line {lines.Count}: {reason}", intoEmpty.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fresh), $"a rejected import ({kind}) created the ledger file");
        Assert.Equal(0, await Cli.CountEventsAsync(Db));
    }

    [Fact]
    public async Task An_id_already_in_the_ledger_with_different_content_rejects_the_file_and_changes_nothing()
    {
        Assert.Equal(0, (await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db)).Code);
        var file = _folder.File("conflict.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            """{"type":"claim","id":"a-new-claim","text":"A claim the ledger does not hold yet"}""",
            """{"type":"statement","id":"podolyak-denies-involvement","kind":"assertion","claim":"a-new-claim","actor":"podolyak","saidAt":"2023-05-27","source":"seed-article-2023-05-26"}""",
        ]);
        var before = await Cli.CountEventsAsync(Db);

        var run = await Cli.InProcessAsync("import", file, "--db", Db);

        Assert.Equal(2, run.Code);
        Assert.Contains("line 2: id: statement 'podolyak-denies-involvement': statement 'podolyak-denies-involvement' is already recorded with different content",
            run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Cli.CountEventsAsync(Db));
    }

    [Fact]
    public async Task Importing_a_missing_file_is_bad_input_and_creates_no_ledger_file()
    {
        var run = await Cli.InProcessAsync("import", _folder.File("no-such-notes.ndjson"), "--db", Db);

        Assert.Equal(2, run.Code);
        Assert.Contains("no-such-notes.ndjson", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "a failed import created the ledger file");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task A_limit_of_bad_lines_below_one_is_bad_input_and_imports_nothing(string limit)
    {
        var run = await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--max-errors", limit, "--db", Db);

        Assert.Equal(2, run.Code);
        Assert.Contains($"--max-errors must be at least 1, got {limit}", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "a refused import created the ledger file");
    }

    [Fact]
    public async Task Too_many_bad_lines_stop_at_the_limit()
    {
        var file = _folder.File("many.ndjson");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 30).Select(i => $$"""{"type":"claim","id":"C{{i}}","text":"x"}"""));

        var run = await Cli.InProcessAsync("import", file, "--max-errors", "5", "--db", Db);

        Assert.Equal(2, run.Code);
        Assert.Equal(5, run.Error.Split('\n').Count(l => l.StartsWith("  line ", StringComparison.Ordinal)));
        Assert.Contains("stopped after 5 errors; --max-errors raises the limit", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "board", "--as-of", "yesterday")]
    [InlineData(2, "frobnicate")]
    [InlineData(2, "board", "--no-such-option")]
    [InlineData(2, "claim", "Not A Slug")]
    [InlineData(4, "claim", "no-such-claim")]
    [InlineData(4, "actor", "no-such-actor")]
    [InlineData(4, "timeline", "--claim", "no-such-claim")]
    [InlineData(4, "timeline", "--actor", "no-such-actor")]
    [InlineData(4, "timeline", "--source", "no-such-source")]
    [InlineData(4, "timeline", "--claim", "ukraine-behind-belgorod-raid", "--recorded-as-of", "2023-05-26T11:59Z")]
    [InlineData(0, "timeline", "--claim", "ukraine-behind-belgorod-raid", "--actor", "podolyak", "--source", "seed-article-2023-05-26")]
    [InlineData(0, "board")]
    public async Task Exit_codes_say_what_went_wrong(int code, params string[] args)
    {
        await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db);

        var run = await Cli.InProcessAsync([.. args, "--db", Db]);

        Assert.True(code == run.Code, $"expected exit {code}, got {run.Code}: {run.Error}");
        if (code != 0)
        {
            Assert.StartsWith("claims: ", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_view_of_an_empty_ledger_is_empty_and_exits_0_but_a_digest_of_it_is_not_found()
    {
        await CreateEmptyLedgerAsync();

        var board = await Cli.InProcessAsync("board", "--json", "--db", Db);
        var timeline = await Cli.InProcessAsync("timeline", "--json", "--db", Db);
        var export = await Cli.InProcessAsync("export", "--db", Db);
        var digest = await Cli.InProcessAsync("digest", "--db", Db);

        Assert.Equal((0, 0, 0, 4), (board.Code, timeline.Code, export.Code, digest.Code));
        Assert.Contains("\"claims\": []", board.Out, StringComparison.Ordinal);
        Assert.Contains("\"entries\": []", timeline.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, export.Out);
    }

    [Fact]
    public async Task An_output_file_that_cannot_be_written_exits_with_6_naming_it()
    {
        Assert.Equal(0, (await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db)).Code);
        var nowhere = _folder.File(Path.Combine("no-such-folder", "export.ndjson"));

        var export = await Cli.InProcessAsync("export", "--out", nowhere, "--db", Db);
        var generate = await Cli.InProcessAsync("generate", "--statements", "10", "--out", nowhere);
        var intoAFolder = await Cli.InProcessAsync("export", "--out", _folder.Path, "--db", Db);

        Assert.Equal((6, 6, 6), (export.Code, generate.Code, intoAFolder.Code));
        Assert.StartsWith($"claims: cannot write '{nowhere}':", export.Error, StringComparison.Ordinal);
        Assert.StartsWith($"claims: cannot write '{nowhere}':", generate.Error, StringComparison.Ordinal);
        Assert.StartsWith($"claims: cannot write '{_folder.Path}':", intoAFolder.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_into_a_read_only_ledger_file_is_a_store_error_in_the_tools_own_words()
    {
        Assert.Equal(0, (await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db)).Code);
        var before = await Cli.CountEventsAsync(Db);
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(Db, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var import = await Cli.InProcessAsync("import", Cli.Sample("belgorod-correction.ndjson"), "--db", Db);
        var board = await Cli.InProcessAsync("board", "--db", Db);

        Assert.Equal((3, 0), (import.Code, board.Code));
        Assert.EndsWith($"\nclaims: the ledger file '{Db}' is read-only, so nothing was written; commands that only read it " +
                        "(views, export, verify) work, and to write it make the file writable (chmod u+w)\n", import.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SqliteStoreOptions", import.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Cli.CountEventsAsync(Db));
    }

    [Fact]
    public async Task Store_errors_exit_with_3()
    {
        var notALedger = _folder.File("notes.txt");
        await File.WriteAllTextAsync(notALedger, "just some notes, not a database at all....");

        var missing = await Cli.InProcessAsync("board", "--db", _folder.File("absent.db"));
        var wrong = await Cli.InProcessAsync("board", "--db", notALedger);
        var unreachable = await Cli.InProcessAsync("board", "--db", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=2");

        Assert.Equal((3, 3, 3), (missing.Code, wrong.Code, unreachable.Code));
        Assert.Contains("there is no ledger file at", missing.Error, StringComparison.Ordinal);
        Assert.Contains("is not a ClaimsLedger ledger", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:1/x", unreachable.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=p", unreachable.Error, StringComparison.Ordinal);
    }

    // An empty ledger file, so that a rejected import can be shown to have written no event into it.
    private async Task CreateEmptyLedgerAsync()
    {
        var nothing = _folder.File("nothing.ndjson");
        await File.WriteAllTextAsync(nothing, string.Empty);
        Assert.Equal(0, (await Cli.InProcessAsync("import", nothing, "--db", Db)).Code);
        Assert.Equal(0, await Cli.CountEventsAsync(Db));
    }

    public void Dispose() => _folder.Dispose();
}
