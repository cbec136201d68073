using System.Buffers;
using System.Text;
using ClaimsLedger.Events;
using Newtonsoft.Json;

namespace ClaimsLedger.Serialization;

/// <summary>
/// Writes the payloads of statements and strikes straight to UTF-8, byte for byte what the Newtonsoft path writes
/// for them, without its reflection, its intermediate string and its transcoding.
/// </summary>
/// <remarks>
/// <para>Every statement a ledger records is serialised once; through Newtonsoft that took ~8 µs of the ~50 µs a
/// recorded statement cost on the 2-core bench machine, more than the validation of the batch.</para>
/// <para>The Newtonsoft path stays the definition of the format: the property order of
/// <see cref="DeclarationOrderResolver"/>, null properties left out, enums in kebab case (taken from Newtonsoft
/// itself, once per value), and its default string escaping (<c>"</c>, <c>\</c>, control characters, U+0085,
/// U+2028, U+2029; lower-case hex). Event types not listed here (registrations, amendments) are left to it;
/// a test compares both encoders on random events of every type and text.</para>
/// </remarks>
internal static class Utf8EventEncoder
{
    [ThreadStatic]
    private static JsonBytes? _buffer;

    /// <summary>The payload, or null for an event type this encoder leaves to the Newtonsoft path.</summary>
    public static byte[]? TryEncode(LedgerEvent @event) => TryEncode(@event, out _);

    /// <summary>The payload, or null for an event type this encoder leaves to the Newtonsoft path.</summary>
    /// <param name="event">A statement or a strike.</param>
    /// <param name="lossless">True when every string was written as it is; false when one held a lone surrogate,
    /// written as U+FFFD, so that the payload decodes to text that differs from the event's.</param>
    public static byte[]? TryEncode(LedgerEvent @event, out bool lossless)
    {
        lossless = false;
        if (@event is not (Statement or StatementStruck) || HasNullRequiredField(@event))
        {
            return null;
        }

        var json = _buffer ??= new JsonBytes();
        json.Reset();
        if (@event is Statement statement)
        {
            WriteStatement(json, statement);
        }
        else
        {
            var struck = (StatementStruck)@event;
            json.Raw("{\"id\":"u8).String(struck.Id.Value)
                .Raw(",\"statement\":"u8).String(struck.Statement.Value)
                .Raw(",\"reason\":"u8).String(struck.Reason).Raw("}"u8);
        }

        var payload = json.ToArray();
        lossless = !json.Replaced;
        if (json.Capacity > MaxKeptBuffer)
        {
            // One huge quote must not pin its buffer to the thread for good.
            _buffer = null;
        }

        return payload;
    }

    private const int MaxKeptBuffer = 64 * 1024;

    // Newtonsoft leaves a null property out; an event with a null required field is invalid and is only serialised to
    // compare it with a stored one, so it is left to Newtonsoft rather than given a second code path here.
    private static bool HasNullRequiredField(LedgerEvent @event) => @event switch
    {
        InvestigationConcluded e => e.Finding is null,
        EvidencePresented e => e.Description is null,
        StatementStruck e => e.Reason is null,
        _ => false,
    };

    private static void WriteStatement(JsonBytes json, Statement statement)
    {
        json.Raw("{\"id\":"u8).String(statement.Id.Value)
            .Raw(",\"claim\":"u8).String(statement.Claim.Value)
            .Raw(",\"actor\":"u8).String(statement.Actor.Value)
            .Raw(",\"saidAt\":"u8).SaidAt(statement.SaidAt)
            .Raw(",\"source\":"u8).String(statement.Source.Value);
        if (statement.Quote is { } quote)
        {
            json.Raw(",\"quote\":"u8).String(quote);
        }

        json.Raw(",\"via\":["u8);
        var via = statement.Via;
        for (var i = 0; i < via.Count; i++)
        {
            if (i > 0)
            {
                json.Raw(","u8);
            }

            json.String(via[i].Value);
        }

        json.Raw("]"u8);
        if (statement is StanceStatement stance)
        {
            json.Raw(",\"certainty\":"u8).Raw(EnumText<Certainty>.Of(stance.Certainty));
        }

        switch (statement)
        {
            case StatementRetracted retracted:
                json.Raw(",\"target\":"u8).String(retracted.Target.Value);
                break;
            case InvestigationConcluded concluded:
                json.Raw(",\"investigation\":"u8).String(concluded.Investigation.Value)
                    .Raw(",\"finding\":{\"outcome\":"u8).Raw(EnumText<FindingOutcome>.Of(concluded.Finding.Outcome));
                if (concluded.Finding.Summary is { } summary)
                {
                    json.Raw(",\"summary\":"u8).String(summary);
                }

                json.Raw("}"u8);
                break;
            case ReactionExpressed reaction:
                json.Raw(",\"reaction\":"u8).Raw(EnumText<ReactionKind>.Of(reaction.Reaction));
                break;
            case EvidencePresented evidence:
                json.Raw(",\"evidence\":"u8).Raw(EnumText<EvidenceKind>.Of(evidence.Evidence))
                    .Raw(",\"description\":"u8).String(evidence.Description);
                if (evidence.Url is { } url)
                {
                    // Newtonsoft writes a Uri as its original string.
                    json.Raw(",\"url\":"u8).String(url.OriginalString);
                }

                break;
        }

        json.Raw("}"u8);
    }

    /// <summary>Each value's JSON text (quotes included) as Newtonsoft's enum converter writes it.</summary>
    private static class EnumText<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, byte[]> Texts = Enum.GetValues<T>().ToDictionary(
            value => value,
            value => Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, LedgerJson.Settings)));

        // A value outside the enum has no name: Newtonsoft refuses it (AllowIntegerValues = false) and so do we.
        public static byte[] Of(T value) => Texts.TryGetValue(value, out var text)
            ? text
            : Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, LedgerJson.Settings));
    }

    /// <summary>A growable UTF-8 buffer, reused by its thread.</summary>
    private sealed class JsonBytes
    {
        private byte[] _bytes = new byte[1024];
        private int _length;

        public int Capacity => _bytes.Length;

        /// <summary>True when a string written since the last <see cref="Reset"/> held a lone surrogate.</summary>
        public bool Replaced { get; private set; }

        public void Reset()
        {
            _length = 0;
            Replaced = false;
        }

        public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

        public JsonBytes Raw(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(_bytes.AsSpan(_length));
            _length += bytes.Length;
            return this;
        }

        /// <summary>A JSON string with Newtonsoft's default escaping; other characters as UTF-8 (a lone surrogate
        /// becomes U+FFFD, as <see cref="Encoding.UTF8"/> makes of the Newtonsoft text).</summary>
        public JsonBytes String(string value) => String(value.AsSpan());

        /// <summary>A saidAt's text form as a JSON string, formatted in place (its characters need no escaping).</summary>
        public JsonBytes SaidAt(SaidAt value)
        {
            Span<char> text = stackalloc char[SaidAtText.MaxLength];
            return String(text[..SaidAtText.TryFormat(value, text)]);
        }

        private JsonBytes String(ReadOnlySpan<char> text)
        {
            Raw("\""u8);
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c >= ' ' && c != '"' && c != '\\' && c != '\u0085' && c != '\u2028' && c != '\u2029')
                {
                    continue;
                }

                Utf8(text[start..i]);
                Escape(c);
                start = i + 1;
            }

            Utf8(text[start..]);
            return Raw("\""u8);
        }

        private void Utf8(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return;
            }

            Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
            var status = System.Text.Unicode.Utf8.FromUtf16(text, _bytes.AsSpan(_length), out _, out var written,
                replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                // A lone surrogate: written again from the start, as U+FFFD.
                Replaced = true;
                written = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
            }

            _length += written;
        }

        private void Escape(char c)
        {
            switch (c)
            {
                case '"':
                    Raw("\\\""u8);
                    break;
                case '\\':
                    Raw("\\\\"u8);
                    break;
                case '\n':
                    Raw("\\n"u8);
                    break;
                case '\r':
                    Raw("\\r"u8);
                    break;
                case '\t':
                    Raw("\\t"u8);
                    break;
                case '\b':
                    Raw("\\b"u8);
                    break;
                case '\f':
                    Raw("\\f"u8);
                    break;
                default:
                    Span<byte> escape = [(byte)'\\', (byte)'u', Hex(c >> 12), Hex(c >> 8), Hex(c >> 4), Hex(c)];
                    Raw(escape);
                    break;
            }
        }

        private static byte Hex(int value)
        {
            var digit = value & 0xF;
            return (byte)(digit < 10 ? '0' + digit : 'a' + digit - 10);
        }

        private void Reserve(int count)
        {
            if (_length + count > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
            }
        }
    }
}
