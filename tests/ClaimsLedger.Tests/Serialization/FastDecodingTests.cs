using System.Text;
using System.Text.Json;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using CsCheck;

namespace ClaimsLedger.Tests.Serialization;

/// <summary>
/// The UTF-8 decoder (<see cref="Utf8EventDecoder"/>) against the Newtonsoft decoder it stands in for: the same
/// objects for every payload the encoder writes, and, for any other payload, exactly what Newtonsoft gives
/// (the same object or the same <see cref="LedgerFormatException"/>).
/// </summary>
public sealed class FastDecodingTests
{
    [Fact]
    public void Every_payload_the_encoder_writes_is_decoded_without_Newtonsoft_to_the_objects_Newtonsoft_gives()
    {
        EventGen.Event.Sample(original =>
        {
            var type = EventTypeNames.Of(original);
            var json = EventSerializer.Serialize(original);

            var fast = Utf8EventDecoder.TryDecode(type, json);
            var reference = EventSerializer.DeserializeWithNewtonsoft(type, json);

            Assert.NotNull(fast);
            Assert.Equal(EventGen.Describe(reference), EventGen.Describe(fast));
            Assert.Equal(reference, fast);
            Assert.Equal(json, EventSerializer.Serialize(fast));
        }, iter: 20_000);
    }

    [Fact]
    public void The_generated_events_cover_every_event_type()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        EventGen.Event.Sample(e =>
        {
            lock (seen)
            {
                seen.Add(EventTypeNames.Of(e));
            }
        }, iter: 2_000);

        Assert.Equal(EventTypeNames.All, seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_payload_altered_in_any_way_decodes_or_is_refused_exactly_as_Newtonsoft_does()
    {
        var fast = 0;
        var fallback = 0;
        Gen.Select(EventGen.Event, Mutations.Gen).Sample((original, mutation) =>
        {
            var type = EventTypeNames.Of(original);
            var json = mutation(EventSerializer.Serialize(original));

            Interlocked.Increment(ref Utf8EventDecoder.TryDecode(type, json) is null ? ref fallback : ref fast);
            Assert.Equal(Outcome(() => EventSerializer.DeserializeWithNewtonsoft(type, json)),
                Outcome(() => EventSerializer.Deserialize(type, json)));
        }, iter: Iterations(50_000));

        // Both paths were exercised: some alterations keep a payload the fast path reads, most do not.
        Assert.True(fast > 1_000, $"fast path taken {fast} times");
        Assert.True(fallback > 10_000, $"fallback taken {fallback} times");
    }

    [Fact]
    public void Properties_in_another_order_are_still_read_on_the_fast_path()
    {
        const string json = """{"certainty":"possible","via":["nbc"],"source":"p","saidAt":"2023-05-22","actor":"a","claim":"c","id":"s1"}""";

        var decoded = Utf8EventDecoder.TryDecode("statement-asserted.v1", Encoding.UTF8.GetBytes(json));

        Assert.Equal(
            new StatementAsserted("s1", "c", "a", SaidAt.Day(2023, 5, 22), "p") { Certainty = Certainty.Possible, Via = ["nbc"] },
            decoded);
    }

    [Theory]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","Quote":"q"}""")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","kind":"denial"}""")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","quote":null}""")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","quote":"a","quote":"b"}""")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","quote":42}""")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p"} """)]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p"}/**/""")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023"}""")]
    [InlineData("statement-asserted.v1", """{"\u0069d":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p"}""")]
    [InlineData("statement-asserted.v1", """{"id":"s\u0031","claim":"c","actor":"a","saidAt":"2023","source":"p"}""")]
    [InlineData("actor-registered.v1", """{"id":"a","name":"A","kind":"person","anonymous":"true"}""")]
    [InlineData("actor-registered.v1", """{"id":"a","name":"A","kind":"Person"}""")]
    [InlineData("statement-denied.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","certainty":"Certain"}""")]
    [InlineData("source-registered.v1", """{"id":"p","publisher":"P","title":"T","url":""}""")]
    [InlineData("statement-amended.v1", """{"id":"c1","statement":"s1","changes":{"quote":"a","quote":null},"reason":"r"}""")]
    [InlineData("investigation-concluded.v1", """{"id":"s5","claim":"c","actor":"k","saidAt":"2023","source":"p","investigation":"s4","finding":{"outcome":"other","summary":null}}""")]
    public void A_payload_the_encoder_never_writes_is_left_to_Newtonsoft_and_decodes_as_it_always_did(string type, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Null(Utf8EventDecoder.TryDecode(type, bytes));
        Assert.Equal(Outcome(() => EventSerializer.DeserializeWithNewtonsoft(type, bytes)),
            Outcome(() => EventSerializer.Deserialize(type, bytes)));
    }

    [Theory]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"Bad","actor":"a","saidAt":"2023","source":"p"}""", "claim")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"-a","saidAt":"2023","source":"p"}""", "actor")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p q"}""", "source")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023-02-30","source":"p"}""", "saidAt")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","via":["Bad"]}""", "via[0]")]
    [InlineData("statement-asserted.v1", """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","certainty":"sure"}""", "certainty")]
    [InlineData("statement-retracted.v1", """{"id":"s3","claim":"c","actor":"a","saidAt":"2023","source":"p","target":"S2"}""", "target")]
    [InlineData("investigation-concluded.v1", """{"id":"s5","claim":"c","actor":"k","saidAt":"2023","source":"p","investigation":"s4","finding":{"outcome":"maybe"}}""", "finding.outcome")]
    [InlineData("investigation-concluded.v1", """{"id":"s5","claim":"c","actor":"k","saidAt":"2023","source":"p","investigation":"s 4","finding":{"outcome":"other"}}""", "investigation")]
    [InlineData("reaction-expressed.v1", """{"id":"s6","claim":"c","actor":"a","saidAt":"2023","source":"p","reaction":"applauds"}""", "reaction")]
    [InlineData("evidence-presented.v1", """{"id":"s7","claim":"c","actor":"a","saidAt":"2023","source":"p","evidence":"rumour","description":"d"}""", "evidence")]
    [InlineData("statement-amended.v1", """{"id":"c1","statement":"s1","changes":{"actor":null},"reason":"r"}""", "changes.actor")]
    // Newtonsoft loses the path inside changes for a value its converter refuses; kept as it was.
    [InlineData("statement-amended.v1", """{"id":"c1","statement":"s1","changes":{"saidAt":"soon"},"reason":"r"}""", "saidAt")]
    [InlineData("statement-amended.v1", """{"id":"c1","statement":"s1","changes":{"mood":"x"},"reason":"r"}""", "changes.mood")]
    [InlineData("statement-amended.v1", """{"id":"c1","statement":"S1","changes":{},"reason":"r"}""", "statement")]
    [InlineData("statement-struck.v1", """{"id":"C2","statement":"s2","reason":"r"}""", "id")]
    [InlineData("claim-linked.v1", """{"claim":"c","link":"causes","target":"d"}""", "link")]
    [InlineData("actor-registered.v1", """{"id":"a","name":"A","kind":"alien"}""", "kind")]
    [InlineData("actor-affiliated.v1", """{"actor":"a","organisation":"o","since":"last year"}""", "since")]
    [InlineData("actor-affiliation-ended.v1", """{"actor":"a","organisation":"O","until":"2023"}""", "organisation")]
    [InlineData("source-registered.v1", """{"id":"p","publisher":"P","title":"T","published":"2023-13"}""", "published")]
    [InlineData("claim-registered.v1", """{"id":"c","text":"T","colour":"red"}""", "colour")]
    public void A_bad_value_is_refused_naming_its_field_exactly_as_Newtonsoft_refuses_it(string type, string json, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var error = Assert.Throws<LedgerFormatException>(() => EventSerializer.Deserialize(type, bytes));
        var reference = Assert.Throws<LedgerFormatException>(() => EventSerializer.DeserializeWithNewtonsoft(type, bytes));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Equal(reference.Message, error.Message);
        Assert.Equal(reference.Field, error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p",}""")]
    [InlineData("""{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p"}}""")]
    [InlineData("""{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p""")]
    public void Malformed_json_is_refused_as_Newtonsoft_refuses_it(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Null(Utf8EventDecoder.TryDecode("statement-asserted.v1", bytes));
        Assert.Equal(Outcome(() => EventSerializer.DeserializeWithNewtonsoft("statement-asserted.v1", bytes)),
            Outcome(() => EventSerializer.Deserialize("statement-asserted.v1", bytes)));
    }

    [Fact]
    public void Invalid_utf8_in_a_quote_decodes_as_Newtonsoft_decodes_it()
    {
        byte[] bytes = [.. """{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","quote":"a"""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];

        Assert.Equal(Outcome(() => EventSerializer.DeserializeWithNewtonsoft("statement-asserted.v1", bytes)),
            Outcome(() => EventSerializer.Deserialize("statement-asserted.v1", bytes)));
    }

    [Fact]
    public void An_unknown_type_name_is_refused_by_name_as_before()
    {
        var error = Assert.Throws<LedgerFormatException>(() =>
            EventSerializer.Deserialize("statement-asserted.v2", """{"id":"s1"}"""u8));

        Assert.Equal("unknown event type 'statement-asserted.v2'", error.Message);
    }

    /// <summary>More iterations on demand (DECODE_ITERATIONS) for a long search before a release.</summary>
    private static int Iterations(int usual) =>
        int.TryParse(Environment.GetEnvironmentVariable("DECODE_ITERATIONS"), out var asked) ? asked : usual;

    /// <summary>What decoding gives: the event described in full, or the exception with its message and field.</summary>
    private static string Outcome(Func<LedgerEvent> decode)
    {
        try
        {
            return "decoded " + EventGen.Describe(decode());
        }
        catch (Exception e)
        {
            return $"threw {e.GetType().Name} '{e.Message}'" + (e is LedgerFormatException f ? $" field '{f.Field}'" : string.Empty);
        }
    }

    /// <summary>Ways to alter a payload: its properties reordered, repeated, dropped, renamed or given other values,
    /// at the top level or inside a nested object or array, white space and trailing bytes, truncation, a byte
    /// changed.</summary>
    private static class Mutations
    {
        private static readonly string[] Names =
        [
            "id", "claim", "actor", "saidAt", "source", "quote", "via", "certainty", "target", "investigation",
            "finding", "reaction", "evidence", "description", "url", "statement", "changes", "reason", "text",
            "incidents", "name", "kind", "anonymous", "organisation", "since", "until", "role", "link", "publisher",
            "title", "published", "outcome", "summary", "stance", "Id", "ID", "saidat", "\\u0069d", "", "mood",
        ];

        private static readonly string[] Values =
        [
            "null", "0", "1", "-1", "1.5", "1e3", "true", "false", "\"\"", "\" \"", "\"x\"", "\"Bad Id\"", "\"a-\"",
            "\"a\"", "\"a.b_c-d\"", "\"\\u0061\"", "\"\\ud800\"", "\"a\\u0000b\"", "[]", "[null]", "[\"a\"]", "[1]",
            "[\"a\",\"a\"]", "{}", "{\"outcome\":\"other\"}", "{\"outcome\":\"supported\",\"summary\":\"s\"}",
            "{\"quote\":null}", "{\"actor\":\"b\"}", "{\"claim\":\"x\"}", "{\"via\":[]}", "{\"certainty\":\"possible\"}",
            "\"2023\"", "\"0000\"", "\"9998\"", "\"9999\"", "\"2023-02\"", "\"2023-13\"", "\"9999-12\"", "\"2023-02-29\"",
            "\"2024-02-29\"", "\"2023-05-22/2023-05-21\"", "\"2023-05-22/2023-05-26\"", "\"2023-05-22T24:00Z\"",
            "\"2023-05-22T14:30Z\"", "\"2023-05-22T14:30:59Z\"", "\"2023-05-22T14:30:60Z\"", "\"2023-05-22T14:30+03:00\"",
            "\"2023-05-22T14:30:00.5Z\"", "\" 2023\"", "\"certain\"", "\"Certain\"", "\"probable\"", "\"part-of\"",
            "\"partOf\"", "\"person\"", "\"other\"", "\"footage\"", "\"warns\"", "\"https://example.org\"",
            "\"not a url\"", "\"http://[::1\"", "\"/relative\"",
        ];

        public static readonly Gen<Func<byte[], byte[]>> Gen = CsCheck.Gen.Frequency(
            (6, Structural(0)),
            (2, Structural(1)),
            (2, CsCheck.Gen.Select(Structural(0), Structural(1), (first, second) => (Func<byte[], byte[]>)(json => second(first(json))))),
            (1, CsCheck.Gen.OneOf<string>(" ", "\n", "\t", "\r\n", " x", "}", "/**/", "//", ",", "\u00a0")
                .Select<string, Func<byte[], byte[]>>(tail => json => [.. json, .. Encoding.UTF8.GetBytes(tail)])),
            (1, CsCheck.Gen.OneOf<string>(" ", "\n", "\u00a0", "\uFEFF", "/**/")
                .Select<string, Func<byte[], byte[]>>(head => json => [.. Encoding.UTF8.GetBytes(head), .. json])),
            (1, CsCheck.Gen.Double[0, 1].Select<double, Func<byte[], byte[]>>(at => json => json[..(int)(at * json.Length)])),
            (2, CsCheck.Gen.Select(CsCheck.Gen.Double[0, 1], CsCheck.Gen.Byte)
                .Select<(double, byte), Func<byte[], byte[]>>(change => json =>
                {
                    var copy = json.ToArray();
                    copy[Math.Min(copy.Length - 1, (int)(change.Item1 * copy.Length))] = change.Item2;
                    return copy;
                })));

        /// <summary>An alteration of the properties of the payload (depth 0) or of one of its nested values (1).</summary>
        private static Gen<Func<byte[], byte[]>> Structural(int depth) =>
            CsCheck.Gen.Select(CsCheck.Gen.Int[0, 7], CsCheck.Gen.Int[0, 1000], CsCheck.Gen.OneOf(Names),
                CsCheck.Gen.OneOf(Values), CsCheck.Gen.Bool)
                .Select<(int, int, string, string, bool), Func<byte[], byte[]>>(m => json =>
                    Encoding.UTF8.GetBytes(Alter(Encoding.UTF8.GetString(json), depth, m)));

        private static string Alter(string json, int depth, (int Kind, int At, string Name, string Value, bool Spaced) m)
        {
            using var document = JsonDocument.Parse(json);
            var properties = document.RootElement.EnumerateObject()
                .Select(p => (Name: JsonEncodedText.Encode(p.Name).ToString(), Value: p.Value.GetRawText()))
                .ToList();
            if (properties.Count == 0)
            {
                return m.Kind == 5 ? Render([(m.Name, m.Value)], m.Spaced) : json;
            }

            var at = m.At % properties.Count;
            if (depth > 0)
            {
                var nested = properties.FindIndex(p => p.Value is ['{', _, ..] or ['[', _, ..]);
                if (nested < 0)
                {
                    return json;
                }

                var value = properties[nested].Value;
                properties[nested] = (properties[nested].Name, value[0] == '{'
                    ? Alter(value, 0, m)
                    : AlterArray(value, m));
                return Render(properties, spaced: false);
            }

            switch (m.Kind)
            {
                case 0:
                    properties.Reverse();
                    break;
                case 1:
                    properties.Insert(m.At % (properties.Count + 1), properties[at]);
                    break;
                case 2:
                    properties.RemoveAt(at);
                    break;
                case 3:
                    properties[at] = (m.Name, properties[at].Value);
                    break;
                case 4:
                    properties[at] = (properties[at].Name, m.Value);
                    break;
                case 5:
                    properties.Insert(m.At % (properties.Count + 1), (m.Name, m.Value));
                    break;
                case 6:
                    properties[at] = (properties[at].Name, properties[(at + 1) % properties.Count].Value);
                    break;
                default:
                    break;
            }

            return Render(properties, m.Spaced);
        }

        private static string AlterArray(string json, (int Kind, int At, string Name, string Value, bool Spaced) m)
        {
            using var document = JsonDocument.Parse(json);
            var items = document.RootElement.EnumerateArray().Select(i => i.GetRawText()).ToList();
            var at = items.Count == 0 ? 0 : m.At % items.Count;
            switch (m.Kind % 3)
            {
                case 0 when items.Count > 0:
                    items[at] = m.Value;
                    break;
                case 1:
                    items.Insert(at, m.Value);
                    break;
                case 2 when items.Count > 0:
                    items.RemoveAt(at);
                    break;
                default:
                    break;
            }

            return "[" + string.Join(",", items) + "]";
        }

        private static string Render(List<(string Name, string Value)> properties, bool spaced)
        {
            var separator = spaced ? " , " : ",";
            var colon = spaced ? " : " : ":";
            return (spaced ? "{ " : "{")
                + string.Join(separator, properties.Select(p => $"\"{p.Name}\"{colon}{p.Value}"))
                + (spaced ? " }" : "}");
        }
    }
}
