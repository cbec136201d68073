using ClaimsLedger.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

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

    /// <summary>
    /// Writes the JSON <see cref="ClaimBoard.ToJson"/> gives for the board as of <paramref name="asOf"/> (the same
    /// characters), a claim at a time as <paramref name="claims"/> hands them out (<see cref="Ledger.ReadBoardAsync"/>):
    /// the whole board is never held, as an object or as text.
    /// </summary>
    internal static async Task WriteBoardAsync(TextWriter output, AsOf asOf, IAsyncEnumerable<ClaimStatus> claims,
        CancellationToken cancellationToken)
    {
        // Written into a buffer with the one newline Serialize uses, handed on a claim at a time.
        using var buffer = new StringWriter { NewLine = "\n" };
        using var writer = new JsonTextWriter(buffer) { Formatting = Formatting.Indented };
        var serializer = LedgerJson.IndentedSerializer;
        var board = (JsonObjectContract)serializer.ContractResolver.ResolveContract(typeof(ClaimBoard));
        writer.WriteStartObject();
        writer.WritePropertyName(board.Properties.GetClosestMatchProperty(nameof(ClaimBoard.AsOf))!.PropertyName!);
        serializer.Serialize(writer, asOf);
        writer.WritePropertyName(board.Properties.GetClosestMatchProperty(nameof(ClaimBoard.Claims))!.PropertyName!);
        writer.WriteStartArray();
        await foreach (var claim in claims.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            serializer.Serialize(writer, claim);
            await FlushAsync(buffer, writer, output, cancellationToken).ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await FlushAsync(buffer, writer, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task FlushAsync(StringWriter buffer, JsonTextWriter writer, TextWriter output,
        CancellationToken cancellationToken)
    {
        writer.Flush();
        var text = buffer.GetStringBuilder();
        await output.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        text.Clear();
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
