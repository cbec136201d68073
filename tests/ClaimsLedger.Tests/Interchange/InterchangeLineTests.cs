using System.Text;
using ClaimsLedger.Events;
using ClaimsLedger.Interchange;
using ClaimsLedger.Tests.Serialization;

namespace ClaimsLedger.Tests.Interchange;

public sealed class InterchangeLineTests
{
    public static TheoryData<LedgerEvent> EveryEventType => EventJsonTests.EveryEventType;

    [Theory]
    [MemberData(nameof(EveryEventType))]
    public void Every_event_type_written_as_a_line_reads_back_the_same_and_matches_the_schema(LedgerEvent original)
    {
        var line = LedgerInterchange.ToLine(original);
        var errors = new List<InterchangeError>();

        var parsed = InterchangeParser.Parse(line, 1, errors);

        Assert.Empty(errors);
        Assert.Equal(original, parsed!.Event);
        Assert.Null(parsed.Envelope);
        SchemaCheck.Line(line);
    }

    [Fact]
    public void An_export_line_carries_position_recorded_at_and_metadata()
    {
        var statement = new StatementDenied("d1", "claim", "alice", SaidAt.Parse("2023-05-22"), "paper");
        var envelope = new ExportEnvelope("42", new DateTimeOffset(2023, 5, 26, 12, 0, 0, TimeSpan.Zero), """{"correlationId":"x"}""");

        var line = InterchangeWriter.Write(statement, envelope);
        var parsed = InterchangeParser.Parse(line, 1, []);

        Assert.EndsWith(""","position":"42","recordedAt":"2023-05-26T12:00:00Z","metadata":{"correlationId":"x"}}""", line, StringComparison.Ordinal);
        Assert.Equal(envelope, parsed!.Envelope);
        SchemaCheck.Line(line);
    }

    public static TheoryData<string, string, string> BadLines => new()
    {
        { """{"type":"claim","id":"c1","text":"x""", "", "malformed JSON" },
        { """{"type":"claim","id":"c1","text":"x"} {"type":"claim"}""", "", "malformed JSON" },
        { """["claim"]""", "", "malformed JSON" },
        { """{"id":"c1"}""", "type", "is required" },
        { """{"type":"rumour","id":"c1"}""", "type", "unknown line type 'rumour'" },
        { """{"type":"claim","id":"c1","text":"x","colour":"red"}""", "colour", "unknown field for a claim line" },
        { """{"type":"claim","id":"Bad Id","text":"x"}""", "id", "'Bad Id' is not a valid claim id" },
        { """{"type":"claim","id":"c1","text":"   "}""", "text", "must not be blank" },
        { """{"type":"claim","id":"c1","text":42}""", "text", "expected a string, found 42" },
        { """{"type":"actor","id":"a","name":"A","kind":"alien"}""", "kind", "'alien' is not one of: person, organisation" },
        { """{"type":"actor","id":"a","name":"A","kind":"person","anonymous":"yes"}""", "anonymous", "expected true or false" },
        { """{"type":"source","id":"s","publisher":"P","title":"T","url":"ftp://x"}""", "url", "not an absolute http or https URL" },
        { """{"type":"statement","id":"s1","kind":"denial","claim":"c","actor":"a","saidAt":"22 May","source":"s"}""", "saidAt", "'22 May' is not a valid date" },
        { """{"type":"statement","id":"s1","kind":"rumour","claim":"c","actor":"a","saidAt":"2023","source":"s"}""", "kind", "'rumour' is not one of" },
        { """{"type":"statement","id":"s1","kind":"reaction","claim":"c","actor":"a","saidAt":"2023","source":"s","reaction":"warns","certainty":"certain"}""", "certainty", "a certainty without a stance" },
        { """{"type":"statement","id":"s1","kind":"assertion","claim":"c","actor":"a","saidAt":"2023","source":"s","target":"x"}""", "target", "unknown field for a statement of kind assertion" },
        { """{"type":"statement","id":"s1","kind":"retraction","claim":"c","actor":"a","saidAt":"2023","source":"s"}""", "target", "is required" },
        { """{"type":"statement","id":"s1","kind":"investigation-concluded","claim":"c","actor":"a","saidAt":"2023","source":"s","investigation":"i","finding":{"outcome":"maybe"}}""", "finding.outcome", "'maybe' is not one of" },
        { """{"type":"statement","id":"s1","kind":"assertion","claim":"c","actor":"a","saidAt":"2023","source":"s","via":["nbc",7]}""", "via[1]", "7 is not a valid actor id" },
        { """{"type":"amendment","id":"k","statement":"s1","changes":{"claim":"other"},"reason":"r"}""", "changes.claim", "'claim' cannot be amended" },
        { """{"type":"amendment","id":"k","statement":"s1","changes":{"mood":"x"},"reason":"r"}""", "changes.mood", "unknown field for an amendment's changes" },
        { """{"type":"strike","id":"k","statement":"s1"}""", "reason", "is required" },
        { """{"type":"claim","id":"c1","text":"x","recordedAt":"2023-05-26 12:00"}""", "recordedAt", "is not a UTC instant" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void A_bad_line_is_reported_with_its_field_and_reason(string json, string field, string fragment)
    {
        var errors = new List<InterchangeError>();

        var parsed = InterchangeParser.Parse(json, 7, errors);

        Assert.Null(parsed);
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Equal(7, error.Line);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(field.Length == 0 ? "line 7: " : $"line 7: {field}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_reports_all_its_problems_at_once()
    {
        var errors = new List<InterchangeError>();

        InterchangeParser.Parse("""{"type":"statement","id":"X","kind":"denial","claim":"","saidAt":"soon","source":"s","extra":1}""", 3, errors);

        Assert.Equal(["id", "claim", "actor", "saidAt", "extra"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Dates_in_strings_are_never_reinterpreted()
    {
        var line = """{"type":"statement","id":"s1","kind":"denial","claim":"c","actor":"a","saidAt":"2023-05-22T17:30+03:00","source":"s"}""";

        var parsed = InterchangeParser.Parse(line, 1, []);

        Assert.Equal("2023-05-22T14:30Z", ((Statement)parsed!.Event).SaidAt.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount(line), Encoding.UTF8.GetByteCount(line));
    }
}
