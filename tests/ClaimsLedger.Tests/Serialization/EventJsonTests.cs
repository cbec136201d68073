using System.Text;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;

namespace ClaimsLedger.Tests.Serialization;

public sealed class EventJsonTests
{
    private static readonly SaidAt May22 = SaidAt.Day(2023, 5, 22);

    public static TheoryData<LedgerEvent> EveryEventType => new()
    {
        new ClaimRegistered("claim", "Text") { Incidents = ["a", "b"] },
        new ClaimLinked("claim", ClaimLinkKind.PartOf, "other"),
        new ActorRegistered("us-officials", "US officials", ActorKind.Collective) { Anonymous = true },
        new ActorAffiliated("kirby", "white-house", SaidAt.Month(2022, 5)) { Role = "spokesperson" },
        new ActorAffiliationEnded("kirby", "white-house", SaidAt.Year(2025)),
        new SourceRegistered("paper", "Daily", "Title") { Url = new Uri("https://example.org/a"), Published = May22 },
        new StatementAsserted("s1", "claim", "alice", May22, "paper") { Certainty = Certainty.Probable, Quote = "q", Via = ["nbc"] },
        new StatementDenied("s2", "claim", "alice", SaidAt.Parse("2023-05-22T14:30Z"), "paper"),
        new StatementRetracted("s3", "claim", "alice", May22, "paper", "s2"),
        new InvestigationOpened("s4", "claim", "kirby", SaidAt.Parse("2023-05-22/2023-05-26"), "paper"),
        new InvestigationConcluded("s5", "claim", "kirby", May22, "paper", "s4",
            new Finding(FindingOutcome.Other) { Summary = "partly" }),
        new ReactionExpressed("s6", "claim", "shoigu", May22, "paper", ReactionKind.Threatens) { Quote = "extremely harsh" },
        new EvidencePresented("s7", "claim", "frl", May22, "paper", EvidenceKind.Footage, "smoke")
        {
            Url = new Uri("https://example.org/v"),
        },
        new StatementAmended("c1", "s1", new StatementChanges { Actor = "bob", RemoveQuote = true, Via = [] }, "wrong"),
        new StatementStruck("c2", "s2", "duplicate"),
    };

    [Theory]
    [MemberData(nameof(EveryEventType))]
    public void Every_event_type_round_trips_through_json(LedgerEvent original)
    {
        var type = EventTypeNames.Of(original);
        var json = EventSerializer.Serialize(original);

        var back = EventSerializer.Deserialize(type, json);

        Assert.Equal(original, back);
        Assert.Equal(json, EventSerializer.Serialize(back));
    }

    [Fact]
    public void Type_names_are_stable_and_versioned()
    {
        Assert.Equal(
        [
            "actor-affiliated.v1", "actor-affiliation-ended.v1", "actor-registered.v1", "claim-linked.v1",
            "claim-registered.v1", "evidence-presented.v1", "investigation-concluded.v1", "investigation-opened.v1",
            "reaction-expressed.v1", "source-registered.v1", "statement-amended.v1", "statement-asserted.v1",
            "statement-denied.v1", "statement-retracted.v1", "statement-struck.v1",
        ], EventTypeNames.All);
    }

    [Fact]
    public void A_statement_payload_has_a_fixed_shape_and_key_order()
    {
        var statement = new StatementAsserted("s1", "claim", "us-officials", SaidAt.Parse("2023-05-22/2023-05-26"), "paper")
        {
            Certainty = Certainty.Probable,
            Quote = "likely",
            Via = ["nbc-news"],
        };

        var json = Encoding.UTF8.GetString(EventSerializer.Serialize(statement));

        Assert.Equal(
            """{"id":"s1","claim":"claim","actor":"us-officials","saidAt":"2023-05-22/2023-05-26","source":"paper","quote":"likely","via":["nbc-news"],"certainty":"probable"}""",
            json);
    }

    [Fact]
    public void An_unknown_event_type_is_refused_by_name()
    {
        var error = Assert.Throws<LedgerFormatException>(() =>
            EventSerializer.Deserialize("statement-guessed.v1", "{}"u8));

        Assert.Contains("unknown event type 'statement-guessed.v1'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"s1","claim":"c","actor":"a","saidAt":"22 May","source":"p"}""", "saidAt")]
    [InlineData("""{"id":"Bad Id","claim":"c","actor":"a","saidAt":"2023","source":"p"}""", "id")]
    [InlineData("""{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","certainty":"sure"}""", "certainty")]
    [InlineData("""{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","certainty":1}""", "certainty")]
    [InlineData("""{"id":"s1","claim":"c","actor":"a","saidAt":"2023","source":"p","mood":"x"}""", "mood")]
    public void A_malformed_payload_is_refused_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<LedgerFormatException>(() =>
            EventSerializer.Deserialize("statement-asserted.v1", Encoding.UTF8.GetBytes(json)));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("kind")]
    [InlineData("target")]
    public void An_amendment_of_a_field_outside_rule_6_is_refused(string field)
    {
        var json = $$"""{"id":"c1","statement":"s1","changes":{"{{field}}":"x"},"reason":"r"}""";

        var error = Assert.Throws<LedgerFormatException>(() =>
            EventSerializer.Deserialize("statement-amended.v1", Encoding.UTF8.GetBytes(json)));

        Assert.Contains($"'{field}' cannot be amended", error.Message, StringComparison.Ordinal);
        Assert.Contains($"changes.{field}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_quote_in_an_amendment_removes_the_quote()
    {
        const string json = """{"id":"c1","statement":"s1","changes":{"quote":null},"reason":"not verbatim"}""";

        var amended = (StatementAmended)EventSerializer.Deserialize("statement-amended.v1", Encoding.UTF8.GetBytes(json));

        Assert.True(amended.Changes.RemoveQuote);
        Assert.Null(amended.Changes.Quote);
    }
}
