using ClaimsLedger.Events;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Serialization;

/// <summary>
/// Reads and writes <see cref="StatementChanges"/> as an object holding only the changed fields, where
/// <c>"quote": null</c> removes the quote. Any other field is rejected, naming it (design rule 6).
/// </summary>
internal sealed class StatementChangesConverter : JsonConverter<StatementChanges>
{
    private static readonly HashSet<string> FixedFields = ["id", "claim", "kind", "target", "investigation",
        "finding", "reaction", "evidence", "description", "url"];

    public override StatementChanges ReadJson(JsonReader reader, Type objectType, StatementChanges? existingValue,
        bool hasExistingValue, JsonSerializer serializer)
    {
        if (reader.TokenType != JsonToken.StartObject)
        {
            throw new LedgerFormatException(reader.Path, "expected an object of changed fields");
        }

        var path = reader.Path;
        var changes = new StatementChanges();
        foreach (var field in JObject.Load(reader).Properties())
        {
            changes = Apply(changes, field, path, serializer);
        }

        return changes;
    }

    public override void WriteJson(JsonWriter writer, StatementChanges? value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        Write(writer, serializer, "actor", value.Actor);
        Write(writer, serializer, "certainty", value.Certainty);
        if (value.RemoveQuote)
        {
            writer.WritePropertyName("quote");
            writer.WriteNull();
        }
        else
        {
            Write(writer, serializer, "quote", value.Quote);
        }

        Write(writer, serializer, "saidAt", value.SaidAt);
        Write(writer, serializer, "source", value.Source);
        Write(writer, serializer, "via", value.Via);
        writer.WriteEndObject();
    }

    private static StatementChanges Apply(StatementChanges changes, JProperty field, string path, JsonSerializer serializer)
    {
        var fieldPath = string.IsNullOrEmpty(path) ? field.Name : $"{path}.{field.Name}";
        T Read<T>() => field.Value.Type == JTokenType.Null
            ? throw new LedgerFormatException(fieldPath, "null is only allowed for quote (it removes the quote)")
            : field.Value.ToObject<T>(serializer)!;

        return field.Name switch
        {
            "actor" => changes with { Actor = Read<ActorId>() },
            "certainty" => changes with { Certainty = Read<Certainty>() },
            "quote" when field.Value.Type == JTokenType.Null => changes with { RemoveQuote = true },
            "quote" => changes with { Quote = Read<string>() },
            "saidAt" => changes with { SaidAt = Read<SaidAt>() },
            "source" => changes with { Source = Read<SourceId>() },
            "via" => changes with { Via = Read<List<ActorId>>() },
            _ when FixedFields.Contains(field.Name) => throw new LedgerFormatException(fieldPath,
                $"'{field.Name}' cannot be amended: only actor, certainty, quote, saidAt, source and via can; " +
                "strike the statement and record a new one instead"),
            _ => throw new LedgerFormatException(fieldPath,
                $"unknown field '{field.Name}': only actor, certainty, quote, saidAt, source and via can be amended"),
        };
    }

    private static void Write<T>(JsonWriter writer, JsonSerializer serializer, string name, T? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        serializer.Serialize(writer, value);
    }
}
