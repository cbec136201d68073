using ClaimsLedger.Tests.Docs;
using NJsonSchema;

namespace ClaimsLedger.Tests.Interchange;

/// <summary>Validates JSON against the documented schemas in docs/schema.</summary>
internal static class SchemaCheck
{
    private static readonly Lazy<JsonSchema> Lines = new(() => Load("ledger-line.schema.json"));
    private static readonly Lazy<JsonSchema> Views = new(() => Load("views.schema.json"));

    public static void Line(string json) => Assert(Lines.Value, json);

    public static void View(string json, string definition) => Assert(Views.Value.Definitions[definition], json);

    private static void Assert(JsonSchema schema, string json)
    {
        var errors = schema.Validate(json);
        Xunit.Assert.True(errors.Count == 0,
            $"{string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind} {e}"))}\nin {json[..Math.Min(json.Length, 400)]}");
    }

    private static JsonSchema Load(string name) =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(ReadmeTests.RepositoryRoot(), "docs", "schema", name)))
            .GetAwaiter().GetResult();
}
