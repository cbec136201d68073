using NJsonSchema;

namespace ClaimsLedger.Tests.Interchange;

/// <summary>
/// Validates JSON against the documented schemas in docs/schema. Shared with the tool's tests
/// (tests/ClaimsLedger.Cli.Tests links this file), so the library's and the tool's output meet one validator.
/// </summary>
internal static class SchemaCheck
{
    private static readonly Lazy<JsonSchema> Lines = new(() => Load("ledger-line.schema.json"));
    private static readonly Lazy<JsonSchema> Views = new(() => Load("views.schema.json"));

    public static void Line(string json) => Assert(Lines.Value, json);

    public static void View(string json, string definition) =>
        Assert(Views.Value.Definitions.TryGetValue(definition, out var schema) ? schema
            : throw new ArgumentException($"views.schema.json has no definition '{definition}'", nameof(definition)), json);

    private static void Assert(JsonSchema schema, string json)
    {
        var errors = schema.Validate(json);
        Xunit.Assert.True(errors.Count == 0,
            $"{string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind} {e}"))}\nin {json[..Math.Min(json.Length, 400)]}");
    }

    private static JsonSchema Load(string name) =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "schema", name)))
            .GetAwaiter().GetResult();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimsLedger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClaimsLedger.sln not found above " + AppContext.BaseDirectory);
    }
}
