using ClaimsLedger.Events;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace ClaimsLedger.Serialization;

/// <summary>The one JSON configuration for events and views, so every store and view writes the same bytes.</summary>
internal static class LedgerJson
{
    public static JsonSerializerSettings Settings { get; } = CreateSettings(Formatting.None);

    public static JsonSerializerSettings IndentedSettings { get; } = CreateSettings(Formatting.Indented);

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    public static JsonSerializer IndentedSerializer { get; } = JsonSerializer.Create(IndentedSettings);

    private static JsonSerializerSettings CreateSettings(Formatting formatting) => new()
    {
        ContractResolver = new DeclarationOrderResolver(),
        Converters =
        {
            new IdConverter(),
            new SaidAtConverter(),
            new UtcInstantConverter(),
            new StatementChangesConverter(),
            new StringEnumConverter(new KebabCaseNamingStrategy()) { AllowIntegerValues = false },
        },
        NullValueHandling = NullValueHandling.Ignore,
        MissingMemberHandling = MissingMemberHandling.Error,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        Formatting = formatting,
        MaxDepth = 64,
        TypeNameHandling = TypeNameHandling.None,
    };
}
