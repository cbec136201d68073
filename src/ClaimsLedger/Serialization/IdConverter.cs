using Newtonsoft.Json;

namespace ClaimsLedger.Serialization;

/// <summary>Writes ledger ids as plain strings and validates them on read.</summary>
internal sealed class IdConverter : JsonConverter
{
    private static readonly Dictionary<Type, Func<string, object>> Factories = new()
    {
        [typeof(ClaimId)] = value => new ClaimId(value),
        [typeof(ActorId)] = value => new ActorId(value),
        [typeof(SourceId)] = value => new SourceId(value),
        [typeof(StatementId)] = value => new StatementId(value),
        [typeof(CorrectionId)] = value => new CorrectionId(value),
    };

    public override bool CanConvert(Type objectType) =>
        Factories.ContainsKey(Nullable.GetUnderlyingType(objectType) ?? objectType);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var underlying = Nullable.GetUnderlyingType(objectType);
        if (reader.TokenType == JsonToken.Null)
        {
            return underlying is not null ? null : Activator.CreateInstance(objectType);
        }

        if (reader.TokenType != JsonToken.String)
        {
            throw new LedgerFormatException(reader.Path, $"expected an id string, found {reader.TokenType}");
        }

        try
        {
            return Factories[underlying ?? objectType]((string)reader.Value!);
        }
        catch (InvalidIdException e)
        {
            throw new LedgerFormatException(reader.Path, e.Message, e);
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        writer.WriteValue(value?.ToString());
}
