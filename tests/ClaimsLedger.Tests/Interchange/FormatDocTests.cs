using System.Text.RegularExpressions;
using ClaimsLedger.Interchange;
using ClaimsLedger.Tests.Docs;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Tests.Interchange;

/// <summary>
/// The JSON examples of docs/format.md are real: each fenced json block names its schema in the comment before it
/// (<c>&lt;!-- schema: ledger-line --&gt;</c> or <c>&lt;!-- schema: views DEFINITION --&gt;</c>) and meets it, the
/// export line restores, and the board is the ledger's own board of the notes example.
/// </summary>
public sealed partial class FormatDocTests
{
    [Fact]
    public void Every_json_example_names_its_schema_and_meets_it()
    {
        var blocks = Blocks();

        Assert.True(blocks.Count >= 3, $"docs/format.md has {blocks.Count} json examples");
        foreach (var (schema, json) in blocks)
        {
            Assert.DoesNotContain("...", json, StringComparison.Ordinal);
            Assert.DoesNotContain("…", json, StringComparison.Ordinal);
            if (schema == "ledger-line")
            {
                Assert.All(json.Split('\n', StringSplitOptions.RemoveEmptyEntries), SchemaCheck.Line);
            }
            else
            {
                SchemaCheck.View(json, schema["views ".Length..]);
            }
        }
    }

    [Fact]
    public async Task The_export_example_is_a_real_export_that_restores_with_its_hash_chain()
    {
        var export = Assert.Single(Blocks(), b => b.Schema == "ledger-line" && b.Json.Contains("\"ledger\":", StringComparison.Ordinal)).Json;
        var (ledger, _) = await ImportExportTests.NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await LedgerInterchange.ImportAsync(ledger, new StringReader(export));

        Assert.Equal((ImportMode.Export, 1), (result.Mode, result.Appended));
        Assert.NotNull(result.Chain);
    }

    [Fact]
    public async Task The_board_example_is_the_board_of_the_notes_example()
    {
        var blocks = Blocks();
        var notes = blocks.First(b => b.Schema == "ledger-line").Json;
        var board = Assert.Single(blocks, b => b.Schema == "views claimBoard").Json;
        var asOf = JObject.Parse(board)["asOf"]!;
        var said = DateTimeOffset.Parse((string)asOf["said"]!, System.Globalization.CultureInfo.InvariantCulture);
        var recorded = DateTimeOffset.Parse((string)asOf["recorded"]!, System.Globalization.CultureInfo.InvariantCulture);
        var (ledger, _) = await ImportExportTests.NewLedgerAsync(recorded);

        await LedgerInterchange.ImportAsync(ledger, new StringReader(notes));
        var actual = (await ledger.GetBoardAsync(new AsOf(said, recorded, SaidInclusion.CertainlySaid))).ToJson();

        Assert.Equal(actual, board);
        Assert.Contains("\"finding\": {", board, StringComparison.Ordinal);
    }

    private static List<(string Schema, string Json)> Blocks()
    {
        var doc = File.ReadAllText(Path.Combine(ReadmeTests.RepositoryRoot(), "docs", "format.md")).ReplaceLineEndings("\n");
        var blocks = new List<(string, string)>();
        foreach (Match block in JsonBlock().Matches(doc))
        {
            var before = doc[..block.Index].TrimEnd('\n', ' ');
            var annotation = SchemaAnnotation().Match(before[(before.LastIndexOf('\n') + 1)..]);
            Assert.True(annotation.Success,
                $"the json block at character {block.Index} of docs/format.md has no <!-- schema: ... --> line before it");
            blocks.Add((annotation.Groups[1].Value, block.Groups[1].Value.TrimEnd('\n')));
        }

        return blocks;
    }

    [GeneratedRegex(@"^ *```json\n(.*?)^ *```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"^ *<!-- schema: (ledger-line|views [A-Za-z]+) -->$")]
    private static partial Regex SchemaAnnotation();
}
