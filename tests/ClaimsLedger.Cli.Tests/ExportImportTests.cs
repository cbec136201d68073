using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Cli.Tests;

/// <summary>`claims export` then `claims import` into an empty ledger reproduces it: the same views as of every recorded time.</summary>
public sealed class ExportImportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task An_export_imported_into_an_empty_ledger_gives_the_same_views_as_of_every_recorded_time()
    {
        var original = _folder.File("original.db");
        var copy = _folder.File("copy.db");
        var recorded = new[] { Cli.Now, Cli.Now.AddHours(20), Cli.Now.AddDays(1) };
        await Cli.InProcessAsync(new FakeTimeProvider(recorded[0]), "import", Cli.Sample("belgorod.ndjson"), "--db", original);
        await Cli.InProcessAsync(new FakeTimeProvider(recorded[2]), "import", Cli.Sample("belgorod-correction.ndjson"), "--db", original);
        var exportFile = _folder.File("export.ndjson");

        var export = await Cli.InProcessAsync("export", "--out", exportFile, "--db", original);
        var import = await Cli.InProcessAsync(new FakeTimeProvider(Cli.Now.AddYears(3)), "import", exportFile, "--db", copy);

        Assert.Equal((0, 0), (export.Code, import.Code));
        Assert.Contains("exported 85 events", export.Error, StringComparison.Ordinal);
        Assert.Contains("an export, restored with its recordedAt", import.Out, StringComparison.Ordinal);
        foreach (var when in recorded.SelectMany(r => new[] { r.AddTicks(-1), r }))
        {
            foreach (var said in new[] { "2023-05-22", "2023-05-24", "2023-05-26" })
            {
                string[] args = ["board", "--json", "--as-of", said, "--recorded-as-of", when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)];
                var a = await Cli.InProcessAsync([.. args, "--db", original]);
                var b = await Cli.InProcessAsync([.. args, "--db", copy]);
                Assert.Equal(a.Out, b.Out);
            }
        }

        var again = await Cli.InProcessAsync("export", "--db", copy);
        Assert.Equal(await File.ReadAllTextAsync(exportFile), again.Out);
    }

    public void Dispose() => _folder.Dispose();
}
