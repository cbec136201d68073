using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Cli.Tests;

/// <summary>`claims export` then `claims import` into an empty ledger reproduces it: the same views as of every recorded time.</summary>
public sealed class ExportImportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task An_export_imported_into_an_empty_ledger_gives_the_same_views_as_of_every_recorded_time()
    {
        // The Belgorod notes in two imports 20 hours apart, then the correction a day after the first: three recorded times.
        var original = _folder.File("original.db");
        var copy = _folder.File("copy.db");
        var notes = await File.ReadAllLinesAsync(Cli.Sample("belgorod.ndjson"));
        var (first, second) = (_folder.File("first.ndjson"), _folder.File("second.ndjson"));
        await File.WriteAllLinesAsync(first, notes[..(notes.Length / 2)]);
        await File.WriteAllLinesAsync(second, notes[(notes.Length / 2)..]);
        await ImportAsync(Cli.Now, first, original);
        await ImportAsync(Cli.Now.AddHours(20), second, original);
        await ImportAsync(Cli.Now.AddDays(1), Cli.Sample("belgorod-correction.ndjson"), original);
        var exportFile = _folder.File("export.ndjson");

        var export = await Cli.InProcessAsync("export", "--out", exportFile, "--db", original);
        var import = await Cli.InProcessAsync(new FakeTimeProvider(Cli.Now.AddYears(3)), "import", exportFile, "--db", copy);

        Assert.Equal((0, 0), (export.Code, import.Code));
        var exported = (await File.ReadAllLinesAsync(exportFile)).Select(JObject.Parse).ToList();
        Assert.Equal(notes.Length + 1, exported.Count);
        Assert.Contains($"exported {exported.Count} events", export.Error, StringComparison.Ordinal);
        Assert.Contains("an export, restored with its recordedAt", import.Out, StringComparison.Ordinal);
        var recordedTimes = exported.Select(l => (string)l["ledger"]!["recordedAt"]!).Distinct().ToList();
        Assert.Equal(3, recordedTimes.Count);
        string[] claims = [.. exported.Where(l => (string?)l["type"] == "claim").Select(l => (string)l["id"]!)];
        string[] actors = [.. exported.Where(l => (string?)l["type"] == "actor").Select(l => (string)l["id"]!)];
        var compared = 0;

        async Task SameAsync(params string[] args)
        {
            var a = await Cli.InProcessAsync([.. args, "--db", original]);
            var b = await Cli.InProcessAsync([.. args, "--db", copy]);
            Assert.True(a.Code == b.Code, $"claims {string.Join(' ', args)}: exit {a.Code} on the original, {b.Code} on the copy");
            Assert.Equal(a.Out, b.Out);
            compared++;
        }

        var points = recordedTimes.Select(r => DateTimeOffset.Parse(r, CultureInfo.InvariantCulture))
            .SelectMany(r => new[] { r.AddTicks(-1), r }).Select(Instant).ToList();
        foreach (var recorded in points)
        {
            foreach (var possibly in new[] { Array.Empty<string>(), ["--possibly"] })
            {
                string[] asOf = ["--recorded-as-of", recorded, "--json", .. possibly];
                foreach (var said in new[] { "2023-05-22", "2023-05-24", "2023-05-26" })
                {
                    await SameAsync(["board", "--as-of", said, .. asOf]);
                }

                foreach (var claim in claims)
                {
                    await SameAsync(["claim", claim, .. asOf]);
                }

                foreach (var actor in actors)
                {
                    await SameAsync(["actor", actor, .. asOf]);
                }

                await SameAsync(["timeline", .. asOf]);
                await SameAsync(["diff", "--from", "2023-05-22", "--to", "2023-05-26", "--from-recorded", points[0], "--to-recorded", recorded,
                    "--json", .. possibly]);
            }
        }

        var again = await Cli.InProcessAsync("export", "--db", copy);
        Assert.Equal(await File.ReadAllTextAsync(exportFile), again.Out);
        Assert.Equal(points.Count * 2 * (3 + claims.Length + actors.Length + 2), compared);
    }

    private static async Task ImportAsync(DateTimeOffset now, string file, string db) =>
        Assert.Equal(0, (await Cli.InProcessAsync(new FakeTimeProvider(now), "import", file, "--db", db)).Code);

    private static string Instant(DateTimeOffset when) =>
        when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public void Dispose() => _folder.Dispose();
}
