using System.Text;
using ClaimsLedger.Events;
using Newtonsoft.Json;

namespace ClaimsLedger.Serialization;

/// <summary>Turns events into (type name, UTF-8 JSON) and back; used by every store, in-memory included.</summary>
internal static class EventSerializer
{
    public static byte[] Serialize(LedgerEvent @event) =>
        Utf8EventEncoder.TryEncode(@event) ?? SerializeWithNewtonsoft(@event);

    /// <summary>Serialises a valid event, telling whether its payload decodes to an equal event.</summary>
    /// <param name="event">A valid event (one that passed the ledger's validation).</param>
    /// <param name="decodesToItself">
    /// True for a statement or strike whose strings were all written as they are: <see cref="Deserialize"/> of the
    /// payload then gives an event equal to <paramref name="event"/> field by field (a test holds both encoders to
    /// it), so a ledger can fold in the event it recorded instead of decoding it again. False for a string with a lone
    /// surrogate (stored as U+FFFD), for evidence with a URL (a <see cref="Uri"/> may be built with options or as a
    /// subclass that its parsed text does not give back), and for the event types only Newtonsoft writes.
    /// </param>
    public static byte[] Serialize(LedgerEvent @event, out bool decodesToItself)
    {
        var payload = Utf8EventEncoder.TryEncode(@event, out decodesToItself) ?? SerializeWithNewtonsoft(@event);
        decodesToItself &= @event is not EvidencePresented { Url: not null };
        return payload;
    }

    /// <summary>
    /// The reference encoder: the format of every payload. <see cref="Serialize(LedgerEvent)"/> only bypasses it for the event
    /// types <see cref="Utf8EventEncoder"/> writes to the same bytes.
    /// </summary>
    internal static byte[] SerializeWithNewtonsoft(LedgerEvent @event)
    {
        using var text = new StringWriter();
        LedgerJson.Serializer.Serialize(text, @event, @event.GetType());
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <exception cref="LedgerFormatException">Unknown type name or a payload that does not parse.</exception>
    public static LedgerEvent Deserialize(string typeName, ReadOnlySpan<byte> data) =>
        Utf8EventDecoder.TryDecode(typeName, data) ?? DeserializeWithNewtonsoft(typeName, data);

    /// <summary>
    /// The reference decoder: what a payload means and how a bad one is reported. <see cref="Deserialize"/> only
    /// bypasses it for payloads <see cref="Utf8EventDecoder"/> reads to the same objects.
    /// </summary>
    /// <exception cref="LedgerFormatException">Unknown type name or a payload that does not parse.</exception>
    internal static LedgerEvent DeserializeWithNewtonsoft(string typeName, ReadOnlySpan<byte> data)
    {
        var type = EventTypeNames.TypeOf(typeName)
            ?? throw new LedgerFormatException(string.Empty, $"unknown event type '{typeName}'");
        try
        {
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(data)));
            return LedgerJson.Serializer.Deserialize(reader, type) as LedgerEvent
                ?? throw new LedgerFormatException(string.Empty, $"empty payload for event type '{typeName}'");
        }
        catch (JsonException e)
        {
            throw new LedgerFormatException(e is JsonSerializationException s ? s.Path ?? string.Empty : string.Empty,
                $"invalid '{typeName}' payload: {e.Message}", e);
        }
    }
}
