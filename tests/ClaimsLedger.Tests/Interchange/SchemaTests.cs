using NJsonSchema;

namespace ClaimsLedger.Tests.Interchange;

/// <summary>The published JSON Schema agrees with the parser on what is a valid line.</summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData("""{"type":"statement","id":"s1","kind":"reaction","claim":"c","actor":"a","saidAt":"2023","source":"s","reaction":"warns","certainty":"certain"}""")]
    [InlineData("""{"type":"statement","id":"s1","kind":"retraction","claim":"c","actor":"a","saidAt":"2023","source":"s"}""")]
    [InlineData("""{"type":"statement","id":"s1","kind":"assertion","claim":"c","actor":"a","saidAt":"2023","source":"s","target":"x"}""")]
    [InlineData("""{"type":"claim","id":"c1","text":"x","colour":"red"}""")]
    [InlineData("""{"type":"claim","id":"Bad Id","text":"x"}""")]
    [InlineData("""{"type":"amendment","id":"k","statement":"s1","changes":{"claim":"other"},"reason":"r"}""")]
    [InlineData("""{"type":"statement","id":"s1","kind":"denial","claim":"c","actor":"a","saidAt":"22 May","source":"s"}""")]
    public async Task The_schema_rejects_lines_the_parser_rejects(string line)
    {
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(Docs.ReadmeTests.RepositoryRoot(),
            "docs", "schema", "ledger-line.schema.json")));

        Assert.NotEmpty(schema.Validate(line));
        Assert.Null(ClaimsLedger.Interchange.InterchangeParser.Parse(line, 1, []));
    }

    [Theory]
    [InlineData("\"22 May 2023\"")]
    [InlineData("\"2023-05-22T14:30+03:00\"")]
    [InlineData("\"2023-5-22\"")]
    public async Task The_views_schema_accepts_only_the_canonical_said_times(string saidAt)
    {
        var schema = await ViewsSchemaAsync();

        Assert.NotEmpty(schema.Definitions["saidAt"].Validate(saidAt));
        Assert.Empty(schema.Definitions["saidAt"].Validate("\"2023-05-22T11:30Z\""));
    }

    [Theory]
    [InlineData("""{"claim":"other"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"certainty":"sure"}""")]
    [InlineData("""{"saidAt":"last week"}""")]
    public async Task The_views_schema_rejects_a_correction_changing_what_an_amendment_cannot(string changes)
    {
        var schema = await ViewsSchemaAsync();
        var correction = $$"""{"id":"fix-1","kind":"amendment","statement":"s1","claim":"c1","reason":"r","recordedAt":"2023-05-26T12:00:00Z","changes":{{changes}}}""";
        var valid = """{"id":"fix-1","kind":"amendment","statement":"s1","claim":"c1","reason":"r","recordedAt":"2023-05-26T12:00:00Z","changes":{"quote":null,"via":[]}}""";
        var corrections = schema.Definitions["ledgerDiff"].Properties["corrections"].Item!;

        Assert.NotEmpty(corrections.Validate(correction));
        Assert.Empty(corrections.Validate(valid));
    }

    [Theory]
    [InlineData("\"ftp://example.org/report\"")]
    [InlineData("\"example.org/report\"")]
    public async Task The_views_schema_takes_only_http_addresses_like_the_lines(string url)
    {
        var schema = await ViewsSchemaAsync();

        Assert.NotEmpty(schema.Definitions["url"].Validate(url));
        Assert.Empty(schema.Definitions["url"].Validate("\"https://example.org/report\""));
    }

    private static async Task<JsonSchema> ViewsSchemaAsync() =>
        await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(Docs.ReadmeTests.RepositoryRoot(),
            "docs", "schema", "views.schema.json")));
}
