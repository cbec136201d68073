namespace ClaimsLedger.Cli.Tests;

/// <summary>The README's walk-through: import the Belgorod notes, then ask for the board and the other views.</summary>
public sealed class ImportAndViewTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("ledger.db");

    [Fact]
    public async Task Importing_the_Belgorod_notes_then_the_board_as_of_24_May_shows_who_says_what()
    {
        var import = await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db);
        var board = await Cli.InProcessAsync("board", "--as-of", "2023-05-24", "--db", Db);

        Assert.Equal(0, import.Code);
        var n = Cli.BelgorodEvents;
        Assert.Matches($@"^imported {n} events \({n} appended, 0 already held; notes, recorded now\) in \d+\.\d\d s: \d+ events/s\n$", import.Out);
        Assert.Contains($"read {n} of {n} lines", import.Error, StringComparison.Ordinal);
        Assert.Equal(0, board.Code);
        Assert.Contains("Who says what — certainly said by end of 2023-05-24, as recorded by 2023-05-26 12:00:00 UTC", board.Out, StringComparison.Ordinal);
        // The article dates most statements only to "this week": by the end of 24 May only the footage shared that
        // night (and older statements) was certainly said.
        Assert.Contains("[drone-hit-russian-mod]", board.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("ukraine-behind-belgorod-raid", board.Out, StringComparison.Ordinal);
        var possibly = await Cli.InProcessAsync("board", "--as-of", "2023-05-24", "--possibly", "--db", Db);
        Assert.Contains("Ukraine directed the Belgorod raid [ukraine-behind-belgorod-raid] CONTESTED", possibly.Out, StringComparison.Ordinal);
        Assert.Contains("“nothing to do with it”", possibly.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Possibly_said_statements_join_the_board_with_the_possibly_flag()
    {
        await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db);

        var board = await Cli.InProcessAsync("board", "--as-of", "2023-05-24", "--possibly", "--db", Db);

        Assert.Contains("US-made Humvees", board.Out, StringComparison.Ordinal);
        Assert.Contains("investigation open", board.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("US-made Humvees", (await Cli.InProcessAsync("board", "--as-of", "2023-05-24", "--db", Db)).Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_the_library_view()
    {
        await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db);

        var board = await Cli.InProcessAsync("board", "--as-of", "2023-05-26", "--json", "--db", Db);
        var claim = await Cli.InProcessAsync("claim", "ukraine-behind-belgorod-raid", "--as-of", "2023-05-26", "--json", "--db", Db);

        var view = Views.ViewJson.Deserialize<Views.ClaimBoard>(board.Out);
        Assert.Equal(board.Out.TrimEnd('\n'), view.ToJson());
        Assert.True(view["ukraine-behind-belgorod-raid"]!.Contested);
        Assert.Contains("\"contested\": true", claim.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actor_timeline_and_diff_commands_answer_from_the_shell()
    {
        await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db);
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Cli.Now.AddDays(1));
        await Cli.InProcessAsync(later, "import", Cli.Sample("belgorod-correction.ndjson"), "--db", Db);

        var actor = await Cli.InProcessAsync(later, "actor", "podolyak", "--db", Db);
        var timeline = await Cli.InProcessAsync(later, "timeline", "--incident", "kremlin-drone-2023-05-03", "--db", Db);
        var filtered = await Cli.InProcessAsync(later, "timeline", "--actor", "rdk", "--from", "2023-05-22", "--to", "2023-05-22", "--json", "--db", Db);
        var diff = await Cli.InProcessAsync(later, "diff", "--from", "2023-05-26", "--to", "2023-05-26",
            "--from-recorded", "2023-05-26T12:00Z", "--db", Db);

        Assert.Contains("Ukraine directed the Belgorod raid [ukraine-behind-belgorod-raid]", actor.Out, StringComparison.Ordinal);
        Assert.Contains("member of Office of the President of Ukraine (adviser)", actor.Out, StringComparison.Ordinal);
        Assert.Contains("zelenskyy-denies-kremlin-drone", timeline.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("raid-by-rdk-and-frl", timeline.Out, StringComparison.Ordinal);
        Assert.Contains("\"statement\": \"rdk-claims-raid\"", filtered.Out, StringComparison.Ordinal);
        Assert.Contains("\"statement\": \"rdk-denies-kyiv-direction\"", filtered.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("frl-claims-raid", filtered.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("rdk-denies-kyiv-direction", (await Cli.InProcessAsync(later, "timeline", "--actor", "rdk",
            "--to", "2023-05-21", "--db", Db)).Out, StringComparison.Ordinal);
        // A --from date is the start of that day: from 24 May includes the footage shared on 24 May; from 25 May, or
        // from the instant 25 May 00:00, it does not (a statement counts while its saidAt reaches past --from).
        Assert.Contains("frl-footage-mod-smoke", (await Cli.InProcessAsync(later, "timeline", "--actor", "frl",
            "--from", "2023-05-24", "--db", Db)).Out, StringComparison.Ordinal);
        Assert.DoesNotContain("frl-footage-mod-smoke", (await Cli.InProcessAsync(later, "timeline", "--actor", "frl",
            "--from", "2023-05-25", "--db", Db)).Out, StringComparison.Ordinal);
        Assert.DoesNotContain("frl-footage-mod-smoke", (await Cli.InProcessAsync(later, "timeline", "--actor", "frl",
            "--from", "2023-05-25T00:00Z", "--db", Db)).Out, StringComparison.Ordinal);
        Assert.Contains("(reattributed)", diff.Out, StringComparison.Ordinal);
        Assert.Contains("amendment of us-denies-enabling-attacks", diff.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db);

        var again = await Cli.InProcessAsync("import", Cli.Sample("belgorod.ndjson"), "--db", Db);

        Assert.Equal(0, again.Code);
        Assert.Contains($"(0 appended, {Cli.BelgorodEvents} already held;", again.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
