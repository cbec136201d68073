using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using CsCheck;

namespace ClaimsLedger.Tests.Serialization;

/// <summary>
/// When a ledger folds in the events it recorded instead of decoding their payloads (<see cref="StoredForm"/>), the
/// index must hold exactly what a decode would give: these are the conditions that make that true.
/// </summary>
public sealed class StoredFormTests
{
    [Fact]
    public void An_event_said_to_decode_to_itself_decodes_to_an_event_identical_to_it()
    {
        var (same, other) = (0, 0);
        EventGen.Event.Sample(@event =>
        {
            var payload = EventSerializer.Serialize(@event, out var decodesToItself);
            if (!decodesToItself)
            {
                Interlocked.Increment(ref other);
                return;
            }

            Interlocked.Increment(ref same);
            var decoded = EventSerializer.Deserialize(EventTypeNames.Of(@event), payload);
            Assert.Equal(EventGen.Describe(decoded), EventGen.Describe(@event));
            Assert.Equal(decoded, @event);
            Assert.Equal(EventGen.Describe(decoded), EventGen.Describe(StoredForm.Of(@event, decodesToItself)));
        }, iter: 20_000);

        // Both outcomes occur, so neither half of the property holds vacuously.
        Assert.True(same > 1_000, $"{same} events decode to themselves");
        Assert.True(other > 1_000, $"{other} events do not");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_lone_surrogate_in_any_text_means_the_payload_must_be_decoded(int example)
    {
        // Built here: an attribute argument is stored as UTF-8, which has no lone surrogates.
        var text = new[] { "a lone high surrogate \ud800 here", "a lone low surrogate \udc00", "reversed pair \udc00\ud800" }[example];
        LedgerEvent[] events =
        [
            Asserted("st-1") with { Quote = text },
            new EvidencePresented("ev-1", "claim-1", "actor-1", SaidAt.Parse("2023"), "source-1", EvidenceKind.Photo, text),
            new InvestigationConcluded("con-1", "claim-1", "actor-1", SaidAt.Parse("2023"), "source-1", "inv-1",
                new Finding(FindingOutcome.Other) { Summary = text }),
            new StatementStruck("cor-1", "st-1", text),
        ];

        foreach (var @event in events)
        {
            var payload = EventSerializer.Serialize(@event, out var decodesToItself);

            Assert.False(decodesToItself, EventTypeNames.Of(@event));
            Assert.Null(StoredForm.Of(@event, decodesToItself));
            Assert.NotEqual(@event, EventSerializer.Deserialize(EventTypeNames.Of(@event), payload));
        }
    }

    [Fact]
    public void A_surrogate_pair_is_written_as_it_is()
    {
        EventSerializer.Serialize(Asserted("st-1") with { Quote = "😀 \ud83d\ude00" }, out var decodesToItself);

        Assert.True(decodesToItself);
    }

    [Fact]
    public void Evidence_with_a_url_is_decoded_since_a_uri_can_differ_from_its_parsed_text()
    {
        // Without canonicalisation "a/../b" stays; parsed again from its text, as a decoder does, it becomes "b".
        var url = new Uri("https://example.org/a/../b", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var evidence = new EvidencePresented("ev-1", "claim-1", "actor-1", SaidAt.Parse("2023"), "source-1",
            EvidenceKind.Footage, "footage")
        { Url = url };

        var payload = EventSerializer.Serialize(evidence, out var decodesToItself);

        Assert.False(decodesToItself);
        Assert.NotEqual(url.AbsoluteUri,
            ((EvidencePresented)EventSerializer.Deserialize("evidence-presented.v1", payload)).Url!.AbsoluteUri);
        EventSerializer.Serialize(evidence with { Url = null }, out var withoutUrl);
        Assert.True(withoutUrl);
    }

    [Fact]
    public void Events_only_Newtonsoft_writes_are_always_decoded()
    {
        LedgerEvent[] events =
        [
            new ClaimRegistered("claim-1", "A drone struck the building"),
            new StatementAmended("cor-1", "st-1", new StatementChanges { Quote = "fixed" }, "typo"),
        ];

        foreach (var @event in events)
        {
            EventSerializer.Serialize(@event, out var decodesToItself);

            Assert.False(decodesToItself, EventTypeNames.Of(@event));
        }
    }

    [Fact]
    public void The_stored_form_of_a_statement_holds_the_id_strings_the_decoder_shares()
    {
        // Id strings built at run time, as an application parsing its own input would build them.
        var statement = new StatementDenied(
            new StatementId(string.Concat("st-", "stored-1")),
            new ClaimId(string.Concat("claim-", "stored")),
            new ActorId(string.Concat("actor-", "stored")),
            SaidAt.Parse("2023-05-22"),
            new SourceId(string.Concat("source-", "stored")))
        {
            Via = [new ActorId(string.Concat("via-", "stored"))],
        };
        var payload = EventSerializer.Serialize(statement, out var decodesToItself);
        var decoded = (Statement)EventSerializer.Deserialize("statement-denied.v1", payload);

        var stored = (Statement)StoredForm.Of(statement, decodesToItself)!;

        Assert.Equal(statement, stored);
        Assert.Same(decoded.Claim.Value, stored.Claim.Value);
        Assert.Same(decoded.Actor.Value, stored.Actor.Value);
        Assert.Same(decoded.Source.Value, stored.Source.Value);
        Assert.Same(decoded.Via[0].Value, stored.Via[0].Value);
        Assert.Same(stored, StoredForm.Of(stored, decodesToItself: true));
    }

    private static StatementAsserted Asserted(StatementId id) =>
        new(id, "claim-1", "actor-1", SaidAt.Parse("2023-05-22"), "source-1");
}
