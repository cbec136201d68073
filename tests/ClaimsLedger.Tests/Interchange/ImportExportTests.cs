using Belgorod;
using ClaimsLedger.Events;
using ClaimsLedger.Interchange;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Tests.Docs;
using ClaimsLedger.Views;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Interchange;

public sealed class ImportExportTests
{
    private static string SampleFile(string name) => Path.Combine(ReadmeTests.RepositoryRoot(), "samples", "data", name);

    [Fact]
    public async Task The_sample_file_is_the_Belgorod_history_of_the_sample_app()
    {
        var expected = BelgorodHistory.Registrations.Concat(BelgorodHistory.Statements).Select(LedgerInterchange.ToLine);

        Assert.Equal(expected, await File.ReadAllLinesAsync(SampleFile("belgorod.ndjson")));
        Assert.Equal([LedgerInterchange.ToLine(BelgorodHistory.Correction)], await File.ReadAllLinesAsync(SampleFile("belgorod-correction.ndjson")));
    }

    [Fact]
    public async Task Importing_the_Belgorod_notes_gives_the_same_board_as_recording_them_in_code()
    {
        var (imported, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        var (recorded, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        await recorded.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);

        var result = await ImportFileAsync(imported, SampleFile("belgorod.ndjson"));

        Assert.Equal(ImportMode.Notes, result.Mode);
        Assert.Equal(BelgorodHistory.Registrations.Count + BelgorodHistory.Statements.Count, result.Appended);
        var asOf = AsOf.At(BelgorodHistory.RecordedAt).WithSaid(AsOf.ParsePoint("2023-05-24"));
        Assert.Equal((await recorded.GetBoardAsync(asOf)).ToJson(), (await imported.GetBoardAsync(asOf)).ToJson());
    }

    [Fact]
    public async Task Importing_the_same_notes_again_changes_nothing()
    {
        var (ledger, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        await ImportFileAsync(ledger, SampleFile("belgorod.ndjson"));
        var count = ledger.EventCount;

        var again = await ImportFileAsync(ledger, SampleFile("belgorod.ndjson"));

        Assert.Equal((0, (int)count), (again.Appended, again.Unchanged));
        Assert.Equal(count, ledger.EventCount);
    }

    [Fact]
    public async Task Every_sample_line_and_every_view_matches_the_published_schemas()
    {
        foreach (var line in await File.ReadAllLinesAsync(SampleFile("belgorod.ndjson")))
        {
            SchemaCheck.Line(line);
        }

        var (ledger, clock) = await RecordedBelgorodWithCorrectionAsync();
        var now = ledger.Now();
        var before = now.WithRecorded(BelgorodHistory.RecordedAt);
        SchemaCheck.View((await ledger.GetBoardAsync(now.WithPossiblySaid())).ToJson(), "claimBoard");
        SchemaCheck.View((await ledger.GetClaimAsync("us-enables-attacks-in-russia", now))!.ToJson(), "claimStatus");
        SchemaCheck.View((await ledger.GetActorAsync("podolyak", now))!.ToJson(), "actorPositions");
        SchemaCheck.View((await ledger.GetActorsAsync(now)).ToJson(), "actorsView");
        SchemaCheck.View((await ledger.GetTimelineAsync(new TimelineQuery { Incident = "belgorod-raid-2023-05", From = AsOf.ParsePoint("2023-05-01") }, now)).ToJson(), "timeline");
        SchemaCheck.View((await ledger.DiffAsync(before, now)).ToJson(), "ledgerDiff");
        var export = await ExportAsync(ledger.Store);
        Assert.All(export.Split('\n', StringSplitOptions.RemoveEmptyEntries), SchemaCheck.Line);
        _ = clock;
    }

    [Fact]
    public async Task An_export_restored_into_an_empty_ledger_reproduces_it_exactly()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var export = await ExportAsync(original.Store);
        var (restored, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await LedgerInterchange.ImportAsync(restored, new StringReader(export));

        Assert.Equal(ImportMode.Export, result.Mode);
        var before = await original.Store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        var after = await restored.Store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(before.Select(Describe), after.Select(Describe));
        foreach (var recorded in before.Select(e => e.RecordedAt).Distinct().SelectMany(r => new[] { r.AddTicks(-1), r }))
        {
            foreach (var said in new[] { "2023-05-22", "2023-05-24", "2023-05-26", "2023-06-30" })
            {
                var asOf = new AsOf(AsOf.ParsePoint(said), recorded, SaidInclusion.CertainlySaid);
                Assert.Equal((await original.GetBoardAsync(asOf)).ToJson(), (await restored.GetBoardAsync(asOf)).ToJson());
                Assert.Equal((await original.GetBoardAsync(asOf.WithPossiblySaid())).ToJson(), (await restored.GetBoardAsync(asOf.WithPossiblySaid())).ToJson());
            }
        }
    }

    [Fact]
    public async Task Restoring_the_same_export_again_changes_nothing_and_a_prefix_is_completed()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = (await ExportAsync(original.Store)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var (restored, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);

        var prefix = await LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines[..40])));
        var rest = await LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines)));
        var again = await LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines)));

        Assert.Equal((40, 0), (prefix.Appended, prefix.Unchanged));
        Assert.Equal((lines.Length - 40, 40), (rest.Appended, rest.Unchanged));
        Assert.Equal((0, lines.Length), (again.Appended, again.Unchanged));
    }

    [Fact]
    public async Task Restoring_an_export_into_a_ledger_holding_other_events_is_refused_naming_the_line()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var export = await ExportAsync(original.Store);
        var (other, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        await other.RecordAsync(new ClaimRegistered("something-else", "Something else"));

        var error = await Assert.ThrowsAsync<InterchangeException>(() => LedgerInterchange.ImportAsync(other, new StringReader(export)));

        var first = Assert.Single(error.Errors);
        Assert.Equal(1, first.Line);
        Assert.Contains("the ledger already holds a different event here", first.Message, StringComparison.Ordinal);
        Assert.Equal(1, other.EventCount);
    }

    [Fact]
    public async Task A_tampered_export_is_refused_naming_the_line_and_nothing_is_restored()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = (await ExportAsync(original.Store)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.FindIndex(lines, l => l.Contains("\"type\":\"amendment\"", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"actor\":\"miller\"", "\"actor\":\"nobody\"", StringComparison.Ordinal);
        var (restored, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);

        var error = await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines))));

        var bad = Assert.Single(error.Errors);
        Assert.Equal(index + 1, bad.Line);
        Assert.Equal("changes.actor", bad.Field);
        Assert.Contains("""the line says "nobody" but its stored event (ledger.data) says "miller": the line was edited""",
            bad.Message, StringComparison.Ordinal);
        Assert.Equal(0, restored.EventCount);
    }

    [Fact]
    public async Task A_file_with_bad_lines_imports_nothing_and_names_every_bad_line()
    {
        var (ledger, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        var lines = (await File.ReadAllLinesAsync(SampleFile("belgorod.ndjson"))).ToList();
        lines.Add("""{"type":"statement","id":"late-retraction","kind":"retraction","claim":"raid-by-rdk-and-frl","actor":"rdk","saidAt":"2023-05-25","source":"seed-article-2023-05-26","target":"no-such-statement"}""");
        lines.Add("""{"type":"statement","id":"rdk-claims-raid","kind":"denial","claim":"raid-by-rdk-and-frl","actor":"rdk","saidAt":"2023-05-22","source":"seed-article-2023-05-26"}""");
        lines.Add("""{"type":"statement","id":"ghost-speaks","kind":"assertion","claim":"raid-by-rdk-and-frl","actor":"ghost","saidAt":"2023-05-22","source":"seed-article-2023-05-26"}""");

        var error = await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(ledger, new StringReader(string.Join('\n', lines))));

        Assert.Equal([lines.Count - 2, lines.Count - 1, lines.Count], error.Errors.Select(e => e.Line));
        Assert.Contains("retracts unknown statement 'no-such-statement'", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("already recorded with different content", error.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal("actor", error.Errors[2].Field);
        Assert.Equal(0, ledger.EventCount);
    }

    [Fact]
    public async Task Reading_stops_at_the_error_limit_and_says_so()
    {
        var (ledger, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        var file = string.Join('\n', Enumerable.Range(0, 50).Select(i => $$"""{"type":"claim","id":"c{{i}}","text":""}"""));

        var error = await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(ledger, new StringReader(file), new ImportOptions { MaxErrors = 10 }));

        Assert.Equal(10, error.Errors.Count);
        Assert.True(error.Truncated);
    }

    [Fact]
    public async Task Mixing_notes_and_export_lines_is_refused()
    {
        var (ledger, _) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        const string file = """
            {"type":"claim","id":"c1","text":"One"}
            {"type":"claim","id":"c2","text":"Two","ledger":{"sequence":0,"position":"2","stream":"claim:c2","version":0,"type":"claim-registered.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"e30="}}
            """;

        var error = await Assert.ThrowsAsync<InterchangeException>(() => LedgerInterchange.ImportAsync(ledger, new StringReader(file)));

        Assert.Contains("notes lines have no ledger object, unlike line 1", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    private static string Describe(RecordedEvent e) =>
        $"{e.Position} {e.Stream} {e.StreamVersion} {e.EventId} {e.Type} {e.RecordedAt:O} " +
        $"{Convert.ToBase64String(e.Data.Span)} {Convert.ToBase64String(e.Metadata.Span)} {e.Sequence} " +
        $"{Convert.ToHexStringLower(e.PreviousHash.Span)} {Convert.ToHexStringLower(e.Hash.Span)}";

    internal static async Task<(Ledger Ledger, FakeTimeProvider Clock)> NewLedgerAsync(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        return (await Ledger.OpenAsync(new InMemoryEventStore(clock), new LedgerOptions { Clock = clock }), clock);
    }

    /// <summary>The Belgorod history recorded in several batches over three days, then the correction.</summary>
    internal static async Task<(Ledger Ledger, FakeTimeProvider Clock)> RecordedBelgorodWithCorrectionAsync()
    {
        var (ledger, clock) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        await ledger.RecordAsync(BelgorodHistory.Registrations);
        foreach (var chunk in BelgorodHistory.Statements.Chunk(5))
        {
            clock.Advance(TimeSpan.FromMinutes(17));
            await ledger.RecordAsync(chunk);
        }

        clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await ledger.RecordAsync(BelgorodHistory.Correction);
        return (ledger, clock);
    }

    internal static async Task<string> ExportAsync(IEventReader store)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        await LedgerInterchange.ExportAsync(store, writer);
        return writer.ToString();
    }

    private static async Task<ImportResult> ImportFileAsync(Ledger ledger, string path)
    {
        using var reader = new StreamReader(path);
        return await LedgerInterchange.ImportAsync(ledger, reader);
    }
}
