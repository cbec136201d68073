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
}
