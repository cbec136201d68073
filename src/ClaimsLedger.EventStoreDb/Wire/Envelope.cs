using System.Globalization;
using System.Text.Json;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Wire;

/// <summary>
/// The event's custom metadata on the server: a JSON object with the ledger's own metadata and what the store adds.
/// <code>{"recordedAt":"2023-05-26T12:00:00.0000000Z","ledgerHead":"1200/1200","metadata":{...}}</code>
/// <c>recordedAt</c> is the stamp written; <c>ledgerHead</c> the $all position (commit/prepare) of the newest ledger
/// event the writer saw before writing (absent when the ledger was empty); <c>metadata</c> the ledger's metadata
/// bytes verbatim (<c>metadataBase64</c> when they are not a JSON object or array).
/// </summary>
internal static class Envelope
{
    private const string StampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Write(DateTimeOffset recordedAt, GlobalPosition? ledgerHead, ReadOnlyMemory<byte> metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("recordedAt", recordedAt.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture));
            if (ledgerHead is { } head)
            {
                json.WriteString("ledgerHead", PositionText.Format(head));
            }

            if (IsJsonContainer(metadata.Span))
            {
                json.WritePropertyName("metadata");
                json.WriteRawValue(metadata.Span, skipInputValidation: true);
            }
            else if (metadata.Length > 0)
            {
                json.WriteBase64String("metadataBase64", metadata.Span);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The envelope's parts, or null when the bytes are not an envelope written by this store.</summary>
    public static (DateTimeOffset RecordedAt, GlobalPosition? LedgerHead, ReadOnlyMemory<byte> Metadata)? Read(
        ReadOnlyMemory<byte> custom)
    {
        try
        {
            return Parse(custom);
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or InvalidOperationException)
        {
            return null;
        }
    }

    private static (DateTimeOffset, GlobalPosition?, ReadOnlyMemory<byte>)? Parse(ReadOnlyMemory<byte> custom)
    {
        var reader = new Utf8JsonReader(custom.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        DateTimeOffset? recordedAt = null;
        GlobalPosition? head = null;
        ReadOnlyMemory<byte> metadata = ReadOnlyMemory<byte>.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "recordedAt":
                    recordedAt = DateTimeOffset.ParseExact(reader.GetString()!, StampFormat, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal);
                    break;
                case "ledgerHead":
                    head = PositionText.Parse(reader.GetString()!);
                    break;
                case "metadata":
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    metadata = custom[start..(int)reader.BytesConsumed];
                    break;
                case "metadataBase64":
                    metadata = reader.GetBytesFromBase64();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return recordedAt is { } stamp ? (stamp, head, metadata.ToArray()) : null;
    }

    // Kept verbatim only when it is exactly one JSON object or array, so it reads back byte for byte.
    private static bool IsJsonContainer(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2 || !((bytes[0] == '{' && bytes[^1] == '}') || (bytes[0] == '[' && bytes[^1] == ']')))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            reader.Skip();
            return reader.BytesConsumed == bytes.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
