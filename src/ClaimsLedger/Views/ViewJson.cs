using ClaimsLedger.Serialization;
using Newtonsoft.Json;

namespace ClaimsLedger.Views;

/// <summary>Serializes views with the ledger's one JSON configuration (stable key order, UTC instants, kebab-case enums).</summary>
public static class ViewJson
{
    /// <summary>Indented JSON of a view; byte-for-byte the same for equal views.</summary>
    public static string Serialize(object view)
    {
        ArgumentNullException.ThrowIfNull(view);
        using var writer = new StringWriter { NewLine = "\n" };
        LedgerJson.IndentedSerializer.Serialize(writer, view);
        return writer.ToString();
    }

    /// <summary>Reads a view back from its JSON.</summary>
    /// <exception cref="LedgerFormatException">The JSON is not such a view.</exception>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var reader = new JsonTextReader(new StringReader(json));
            return LedgerJson.Serializer.Deserialize<T>(reader)
                ?? throw new LedgerFormatException(string.Empty, $"empty JSON for {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new LedgerFormatException(string.Empty, $"invalid {typeof(T).Name} JSON: {e.Message}", e);
        }
    }
}
