using System.Globalization;
using System.Text.Json;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Chain;

/// <summary>
/// A link's payload, UTF-8 JSON (positions and times as strings, so that no JSON reader rounds them):
/// <code>{"first":1,"previous":"00…00","events":[{"position":"1213/1213","id":"5f0c…","recordedAt":"2023-05-26T12:00:00.0000000Z","hash":"9a4e…"}]}</code>
/// <c>recordedAt</c> is the value reads report for the event (the running maximum along $all), which the hash covers.
/// </summary>
internal static class ChainLinkJson
{
    /// <summary>The event type of a link in the chain stream.</summary>
    public const string Type = "ledger-chain-link.v1";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Write(ChainLink link)
    {
        using var buffer = new MemoryStream(128 + (link.Entries.Count * 200));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("first", link.First);
            json.WriteString("previous", EventHash.ToHex(link.Previous));
            json.WriteStartArray("events");
            foreach (var e in link.Entries)
            {
                json.WriteStartObject();
                json.WriteString("position", PositionText.Format(e.Position));
                json.WriteString("id", e.EventId.ToString("D"));
                json.WriteString("recordedAt", e.RecordedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
                json.WriteString("hash", EventHash.ToHex(e.Hash));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The link, or null when the event is not a well-formed link (another type, bad JSON, broken rules).</summary>
    public static ChainLink? TryRead(string type, ReadOnlyMemory<byte> data)
    {
        if (type != Type)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            var first = root.GetProperty("first").GetInt64();
            var previous = EventHash.FromHex(root.GetProperty("previous").GetString()!);
            var entries = root.GetProperty("events").EnumerateArray().Select(Entry).ToList();
            var ordered = entries.Zip(entries.Skip(1)).All(pair => pair.First.Position < pair.Second.Position);
            return first >= 1 && entries.Count > 0 && ordered ? new ChainLink(first, previous, entries) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or InvalidOperationException
                                      or KeyNotFoundException or ArgumentException)
        {
            return null;
        }
    }

    private static ChainEntry Entry(JsonElement e) => new(
        PositionText.Parse(e.GetProperty("position").GetString()!),
        Guid.ParseExact(e.GetProperty("id").GetString()!, "D"),
        DateTimeOffset.ParseExact(e.GetProperty("recordedAt").GetString()!, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal),
        EventHash.FromHex(e.GetProperty("hash").GetString()!));
}
