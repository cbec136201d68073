using System.Globalization;
using ClaimsLedger.Tests.Interchange;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Cli.Tests;

/// <summary>
/// Every view the tool writes with <c>--json</c> (board, claim, actor, timeline, diff; with and without
/// <c>--possibly</c>) meets docs/schema/views.schema.json, checked with the validator the library's tests use. Two
/// ledgers: Belgorod with its correction, and a small `claims generate` ledger with concluded investigations and
/// findings, retractions, strikes and amendments.
/// </summary>
public sealed class ViewSchemaTests : IClassFixture<ViewSchemaTests.Ledgers>
{
    private readonly Ledgers _ledgers;

    public ViewSchemaTests(Ledgers ledgers) => _ledgers = ledgers;

    [Fact]
    public async Task Every_view_of_the_Belgorod_ledger_and_its_correction_meets_the_schema()
    {
        var ledger = _ledgers.Belgorod;
        var saidTimes = new[] { "2023-05-22", "2023-05-24", "2023-06-30" };
        var recordedTimes = new[] { ledger.Recorded[0], ledger.Recorded[^1] };

        var outputs = await AllViewsAsync(ledger, saidTimes, recordedTimes, "2023-05-01", "2023-06-30");

        Assert.Contains(outputs, o => o.Definition == "ledgerDiff" && o.Json.Contains("\"changes\": {", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Definition == "claimBoard" && o.Json.Contains("\"status\": \"open\"", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Definition == "claimBoard" && o.Json.Contains("\"via\": [\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_view_of_a_generated_ledger_with_findings_retractions_and_corrections_meets_the_schema()
    {
        var ledger = _ledgers.Generated;
        var saidTimes = new[] { "2022-06-30", "2023-03-01", "2024-01-01" };
        var recordedTimes = new[] { ledger.Recorded[0], ledger.Recorded[^1] };

        var outputs = await AllViewsAsync(ledger, saidTimes, recordedTimes, "2022-01-01", "2024-01-01");

        // The schema was met by views holding every part it describes, not by empty ones.
        foreach (var part in new[] { "\"finding\": {", "\"status\": \"concluded\"", "\"conclusion\": {", "\"retractions\": [\n        {",
                     "\"kind\": \"strike\"", "\"changes\": {", "\"corrected\": true" })
        {
            Assert.True(outputs.Any(o => o.Json.Contains(part, StringComparison.Ordinal)), $"no view holds {part}");
        }
    }

    private static async Task<List<(string Definition, string Json)>> AllViewsAsync(Ledger ledger, string[] saidTimes,
        DateTimeOffset[] recordedTimes, string from, string to)
    {
        var outputs = new List<(string Definition, string Json)>();
        var clock = new FakeTimeProvider(ledger.Recorded[^1].AddDays(1));

        async Task CheckAsync(string definition, params string[] args)
        {
            var run = await Cli.InProcessAsync(clock, [.. args, "--json", "--db", ledger.Db]);
            Assert.True(run.Code == 0, $"claims {string.Join(' ', args)} exited {run.Code}: {run.Error}");
            SchemaCheck.View(run.Out, definition);
            outputs.Add((definition, run.Out));
        }

        foreach (var possibly in new[] { Array.Empty<string>(), ["--possibly"] })
        {
            foreach (var recorded in recordedTimes.Select(Instant))
            {
                foreach (var said in saidTimes)
                {
                    string[] asOf = ["--as-of", said, "--recorded-as-of", recorded, .. possibly];
                    await CheckAsync("claimBoard", ["board", .. asOf]);
                }

                string[] latest = ["--recorded-as-of", recorded, .. possibly];
                foreach (var claim in ledger.Claims)
                {
                    await CheckAsync("claimStatus", ["claim", claim, .. latest]);
                    await CheckAsync("timeline", ["timeline", "--claim", claim, .. latest]);
                }

                foreach (var actor in ledger.Actors)
                {
                    await CheckAsync("actorPositions", ["actor", actor, .. latest]);
                }

                await CheckAsync("timeline", ["timeline", .. latest]);
                await CheckAsync("timeline", ["timeline", "--actor", ledger.Actors[0], "--source", ledger.Sources[0],
                    "--from", from, "--to", to, .. latest]);
                await CheckAsync("timeline", ["timeline", "--incident", ledger.Incident, .. latest]);
            }

            await CheckAsync("ledgerDiff", ["diff", "--from", saidTimes[0], "--to", saidTimes[^1],
                "--from-recorded", Instant(ledger.Recorded[0].AddTicks(-1)), .. possibly]);
            await CheckAsync("ledgerDiff", ["diff", "--from", saidTimes[^1], "--to", saidTimes[^1],
                "--from-recorded", Instant(ledger.Recorded[0]), .. possibly]);
        }

        return outputs;
    }

    private static string Instant(DateTimeOffset when) =>
        when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A ledger file and the ids its views are asked about (read from the files imported).</summary>
    public sealed record Ledger(string Db, DateTimeOffset[] Recorded, string[] Claims, string[] Actors, string[] Sources, string Incident);

    /// <summary>The two ledgers, imported once for the class.</summary>
    public sealed class Ledgers : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();

        public Ledger Belgorod { get; private set; } = null!;

        public Ledger Generated { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var belgorod = _folder.File("belgorod.db");
            DateTimeOffset[] recorded = [Cli.Now, Cli.Now.AddDays(1)];
            await ImportAsync(recorded[0], Cli.Sample("belgorod.ndjson"), belgorod);
            await ImportAsync(recorded[1], Cli.Sample("belgorod-correction.ndjson"), belgorod);
            Belgorod = Describe(belgorod, recorded, await File.ReadAllLinesAsync(Cli.Sample("belgorod.ndjson")), 1);

            var file = _folder.File("generated.ndjson");
            var generate = await Cli.InProcessAsync("generate", "--statements", "900", "--claims", "8", "--actors", "12",
                "--sources", "4", "--seed", "7", "--out", file);
            Assert.True(generate.Code == 0, generate.Error);
            // Imported in two halves a day apart, so that a diff across the two shows corrections of earlier statements.
            var lines = await File.ReadAllLinesAsync(file);
            var (first, second) = (_folder.File("first.ndjson"), _folder.File("second.ndjson"));
            await File.WriteAllLinesAsync(first, lines[..(lines.Length / 2)]);
            await File.WriteAllLinesAsync(second, lines[(lines.Length / 2)..]);
            var generated = _folder.File("generated.db");
            DateTimeOffset[] after = [new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), new(2024, 6, 2, 0, 0, 0, TimeSpan.Zero)];
            await ImportAsync(after[0], first, generated);
            await ImportAsync(after[1], second, generated);
            Generated = Describe(generated, after, lines, 5);
        }

        public Task DisposeAsync()
        {
            _folder.Dispose();
            return Task.CompletedTask;
        }

        private static async Task ImportAsync(DateTimeOffset now, string file, string db)
        {
            var import = await Cli.InProcessAsync(new FakeTimeProvider(now), "import", file, "--db", db);
            Assert.True(import.Code == 0, import.Error);
        }

        // Every claim and actor; the actor and source named by the timeline filter are the ones of the statement at
        // the given place among the statements, so the filtered timeline is not empty.
        private static Ledger Describe(string db, DateTimeOffset[] recorded, string[] lines, int statement)
        {
            var parsed = lines.Where(l => l.Length > 0).Select(JObject.Parse).ToList();
            string[] Ids(string type) => [.. parsed.Where(l => (string?)l["type"] == type).Select(l => (string)l["id"]!)];
            var said = parsed.Where(l => (string?)l["type"] == "statement").ElementAt(statement);
            var incident = parsed.First(l => l["incidents"] is JArray { Count: > 0 })["incidents"]![0]!.ToString();
            var speaker = (string)said["actor"]!;
            return new Ledger(db, recorded, Ids("claim"), [speaker, .. Ids("actor").Where(a => a != speaker)],
                [(string)said["source"]!], incident);
        }
    }
}
