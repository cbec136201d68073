using Newtonsoft.Json;

namespace ClaimsLedger.Serialization;

/// <summary>Writes <see cref="SaidAt"/> in its canonical text form and parses it back.</summary>
internal sealed class SaidAtConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) =>
        objectType == typeof(SaidAt) || objectType == typeof(SaidAt?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return objectType == typeof(SaidAt?) ? null : default(SaidAt);
        }

        if (reader.TokenType != JsonToken.String)
        {
            throw new LedgerFormatException(reader.Path, $"expected a saidAt string, found {reader.TokenType}");
        }

        var text = (string)reader.Value!;
        return SaidAt.TryParse(text, out var value, out var error)
            ? value
            : throw new LedgerFormatException(reader.Path, $"'{text}' is not a valid date: {error}");
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        writer.WriteValue(value?.ToString());
}
