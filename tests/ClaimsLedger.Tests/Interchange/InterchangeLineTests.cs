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
        Assert.Null(parsed.Exported);
        SchemaCheck.Line(line);
    }

    [Fact]
    public void An_export_line_carries_the_stored_event_and_its_chain_hashes_in_a_ledger_object()
    {
        var statement = new StatementDenied("d1", "claim", "alice", SaidAt.Parse("2023-05-22"), "paper");
        var exported = new ExportedEvent(7, "7", new ClaimsLedger.Storage.StreamName("claim:claim"), 2, "statement-denied.v1",
            Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), new DateTimeOffset(2023, 5, 26, 12, 0, 0, TimeSpan.Zero),
            Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("""{"correlationId":"x"}"""), new string('0', 64),
            new string('a', 64));

        var line = InterchangeWriter.Write(statement, exported);
        var parsed = InterchangeParser.Parse(line, 1, []);

        Assert.EndsWith(""","ledger":{"sequence":7,"position":"7","stream":"claim:claim","version":2,"type":"statement-denied.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"e30=","metadata":"eyJjb3JyZWxhdGlvbklkIjoieCJ9","previous":"0000000000000000000000000000000000000000000000000000000000000000","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""",
            line, StringComparison.Ordinal);
        var back = parsed!.Exported!;
        Assert.Equal((exported.Sequence, exported.Position, exported.Stream, exported.Version, exported.Type, exported.EventId,
            exported.RecordedAt, exported.PreviousHash, exported.Hash), (back.Sequence, back.Position, back.Stream, back.Version,
            back.Type, back.EventId, back.RecordedAt, back.PreviousHash, back.Hash));
        Assert.Equal(exported.Data.ToArray(), back.Data.ToArray());
        Assert.Equal(exported.Metadata.ToArray(), back.Metadata.ToArray());
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
        { """{"type":"claim","id":"c1","text":"x","ledger":{"sequence":1,"position":"1","stream":"claim:c1","version":0,"type":"claim-registered.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26 12:00","data":"e30=","previous":"0000000000000000000000000000000000000000000000000000000000000000","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "ledger.recordedAt", "is not a recordedAt in the canonical form" },
        { """{"type":"claim","id":"c1","text":"x","ledger":{"sequence":1,"position":"1","stream":"claim:c1","version":0,"type":"claim-registered.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"e30=","previous":"0000000000000000000000000000000000000000000000000000000000000000"}}""", "ledger.hash", "is required with previous" },
        { """{"type":"claim","id":"c1","text":"x","ledger":{"sequence":1,"position":"1","stream":"claim:c1","version":0,"type":"claim-registered.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"not base64!","previous":"0000000000000000000000000000000000000000000000000000000000000000","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "ledger.data", "expected base64 bytes" },
        { """{"type":"claim","id":"c1","text":"x","ledger":{"sequence":1,"position":"1","stream":"claim:c1","version":0,"type":"claim-registered.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"e30=","previous":"0000000000000000000000000000000000000000000000000000000000000000","hash":"AAAAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "ledger.hash", "is not a SHA-256 hash in 64 lowercase hex digits" },
        { """{"type":"claim","id":"c1","text":"x","ledger":{"sequence":-1,"position":"1","stream":"claim:c1","version":0,"type":"claim-registered.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"e30=","previous":"0000000000000000000000000000000000000000000000000000000000000000","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "ledger.sequence", "expected a whole number of at least 0" },
        { """{"type":"claim","id":"c1","text":"x","ledger":{"sequence":1,"position":"1","stream":"claim:c1","version":0,"type":"claim-registered.v1","id":"c1","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"e30=","previous":"0000000000000000000000000000000000000000000000000000000000000000","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "ledger.id", "'c1' is not a UUID" },
        { """{"type":"claim","id":"c1","text":"x","ledger":{"sequence":1,"position":"1","stream":"$all","version":0,"type":"claim-registered.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"e30=","previous":"0000000000000000000000000000000000000000000000000000000000000000","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "ledger.stream", "reserved for system streams" },
        { """{"type":"claim","id":"c1","text":"x","ledger":{"sequence":1,"position":"1","stream":"claim:c1","version":0,"colour":"red","type":"claim-registered.v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","recordedAt":"2023-05-26T12:00:00.0000000Z","data":"e30=","previous":"0000000000000000000000000000000000000000000000000000000000000000","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "ledger.colour", "unknown field for the ledger object of an export line" },
        { """{"type":"claim","id":"c1","text":"x","recordedAt":"2023-05-26T12:00:00Z"}""", "recordedAt", "unknown field for a claim line" },
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
    public void A_saidAt_is_read_by_the_ledgers_rules_and_a_date_in_any_other_string_is_kept_as_written()
    {
        var line = """{"type":"statement","id":"s1","kind":"denial","claim":"c","actor":"a","saidAt":"2023-05-22T17:30+03:00","source":"s","quote":"2023-05-22T17:30+03:00"}""";

        var parsed = (Statement)InterchangeParser.Parse(line, 1, [])!.Event;

        Assert.Equal("2023-05-22T14:30Z", parsed.SaidAt.ToString());
        Assert.Equal("2023-05-22T17:30+03:00", parsed.Quote);
    }
}
