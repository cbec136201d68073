using System.Globalization;
using Newtonsoft.Json;

namespace ClaimsLedger.Serialization;

/// <summary>Writes instants as UTC ISO 8601 with a <c>Z</c>, e.g. <c>2023-05-25T00:00:00Z</c>.</summary>
internal sealed class UtcInstantConverter : JsonConverter
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public override bool CanConvert(Type objectType) =>
        objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null && objectType == typeof(DateTimeOffset?))
        {
            return null;
        }

        if (reader.TokenType == JsonToken.String && DateTimeOffset.TryParse((string)reader.Value!,
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }

        throw new LedgerFormatException(reader.Path, "expected an ISO 8601 instant such as 2023-05-25T00:00:00Z");
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        writer.WriteValue(((DateTimeOffset)value!).UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
