using System.Text;
using ClaimsLedger.Events;
using ClaimsLedger.Recording;
using Newtonsoft.Json;

namespace ClaimsLedger.Serialization;

/// <summary>Turns events into (type name, UTF-8 JSON) and back; used by every store, in-memory included.</summary>
internal static class EventSerializer
{
    /// <summary>
    /// The <see cref="AppContext"/> switch that holds every fast path to the reference (Newtonsoft) serializer at run
    /// time: each payload the fast encoder writes, each event the fast decoder reads and each event a ledger folds in
    /// instead of decoding is checked against what Newtonsoft writes or reads, and a difference throws. The test
    /// projects turn it on (runtimeconfig), so every test exercises Newtonsoft on every event; applications leave it
    /// off and pay nothing (a static readonly bool the JIT folds away).
    /// </summary>
    public const string CheckAgainstReferenceSwitch = "ClaimsLedger.Serialization.CheckAgainstReference";

    private static readonly bool CheckAgainstReference =
        AppContext.TryGetSwitch(CheckAgainstReferenceSwitch, out var on) && on;

    /// <summary>Whether <see cref="CheckAgainstReferenceSwitch"/> is on in this process.</summary>
    public static bool ChecksAgainstReference => CheckAgainstReference;

    public static byte[] Serialize(LedgerEvent @event)
    {
        var fast = Utf8EventEncoder.TryEncode(@event);
        if (fast is null)
        {
            return SerializeWithNewtonsoft(@event);
        }

        if (CheckAgainstReference)
        {
            CheckEncoding(@event, fast);
        }

        return fast;
    }

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
        var fast = Utf8EventEncoder.TryEncode(@event, out decodesToItself);
        decodesToItself &= @event is not EvidencePresented { Url: not null };
        if (fast is null)
        {
            return SerializeWithNewtonsoft(@event);
        }

        if (CheckAgainstReference)
        {
            CheckEncoding(@event, fast);
            if (decodesToItself)
            {
                CheckDecoding(EventTypeNames.Of(@event), fast, @event, "folded in instead of decoding");
            }
        }

        return fast;
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
    public static LedgerEvent Deserialize(string typeName, ReadOnlySpan<byte> data)
    {
        var fast = Utf8EventDecoder.TryDecode(typeName, data);
        if (fast is null)
        {
            return DeserializeWithNewtonsoft(typeName, data);
        }

        if (CheckAgainstReference)
        {
            CheckDecoding(typeName, data, fast, "read by the fast decoder");
        }

        return fast;
    }

    private static void CheckEncoding(LedgerEvent @event, byte[] fast)
    {
        var reference = SerializeWithNewtonsoft(@event);
        if (!fast.AsSpan().SequenceEqual(reference))
        {
            throw new InvalidOperationException(
                $"the fast encoder wrote {EventTypeNames.Of(@event)} {EventIds.For(@event)} as " +
                $"{Encoding.UTF8.GetString(fast)} but Newtonsoft writes {Encoding.UTF8.GetString(reference)}");
        }
    }

    // Events are compared by what Newtonsoft writes of them: records holding lists do not compare by value.
    private static void CheckDecoding(string typeName, ReadOnlySpan<byte> data, LedgerEvent fast, string how)
    {
        var reference = SerializeWithNewtonsoft(DeserializeWithNewtonsoft(typeName, data));
        var given = SerializeWithNewtonsoft(fast);
        if (!given.AsSpan().SequenceEqual(reference) || fast.GetType() != EventTypeNames.TypeOf(typeName))
        {
            throw new InvalidOperationException(
                $"the event {how} differs from what Newtonsoft reads of its payload {Encoding.UTF8.GetString(data)}: " +
                $"{Encoding.UTF8.GetString(given)}");
        }
    }

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
