using System.Text;
using ClaimsLedger.Conformance;
using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Mediator.Tests;

/// <summary>
/// Every command appends exactly one event: the one recording it directly would append, byte for byte (compared
/// with a reference ledger on its own store). Scenario: the quick start's registrations and denial, another claim,
/// an office Podolyak works for, and an investigation opened by the Russian Defence Ministry.
/// </summary>
public sealed class CommandTests
{
    private const string Claim = SampleEvents.Claim;

    private static readonly IReadOnlyList<LedgerEvent> Scenario =
    [
        .. SampleEvents.Uncontested,
        new ClaimRegistered("other-claim", "The raid was staged"),
        new ActorRegistered("office", "Office of the President", ActorKind.Government),
        new ActorAffiliated("podolyak", "office", SaidAt.Parse("2020")),
        new InvestigationOpened("inv-1", Claim, "russian-mod", SaidAt.Parse("2023-05-22"), "article"),
    ];

    public static TheoryData<string, LedgerCommand, LedgerEvent> EveryCommand() => new()
    {
        {
            "assertion",
            new RecordAssertion("a-1", Claim, "russian-mod", SaidAt.Parse("2023-05-23"), "article")
            {
                Certainty = Certainty.Probable, Quote = "likely Kyiv", Via = ["office"],
            },
            new StatementAsserted("a-1", Claim, "russian-mod", SaidAt.Parse("2023-05-23"), "article")
            {
                Certainty = Certainty.Probable, Quote = "likely Kyiv", Via = ["office"],
            }
        },
        {
            "denial",
            new RecordDenial("d-1", Claim, "office", SaidAt.Parse("2023-05-23"), "article") { Certainty = Certainty.Possible },
            new StatementDenied("d-1", Claim, "office", SaidAt.Parse("2023-05-23"), "article") { Certainty = Certainty.Possible }
        },
        {
            "retraction",
            new RecordRetraction("r-1", Claim, "podolyak", SaidAt.Parse("2023-05-24"), "article", "podolyak-denies"),
            new StatementRetracted("r-1", Claim, "podolyak", SaidAt.Parse("2023-05-24"), "article", "podolyak-denies")
        },
        {
            "investigation opened",
            new OpenInvestigation("inv-2", Claim, "office", SaidAt.Parse("2023-05-24"), "article") { Quote = "we are looking" },
            new InvestigationOpened("inv-2", Claim, "office", SaidAt.Parse("2023-05-24"), "article") { Quote = "we are looking" }
        },
        {
            "investigation concluded",
            new ConcludeInvestigation("c-1", Claim, "russian-mod", SaidAt.Parse("2023-05-25"), "article", "inv-1",
                new Finding(FindingOutcome.Other) { Summary = "partly" }),
            new InvestigationConcluded("c-1", Claim, "russian-mod", SaidAt.Parse("2023-05-25"), "article", "inv-1",
                new Finding(FindingOutcome.Other) { Summary = "partly" })
        },
        {
            "reaction",
            new RecordReaction("re-1", Claim, "podolyak", SaidAt.Parse("2023-05-24"), "article", ReactionKind.Threatens),
            new ReactionExpressed("re-1", Claim, "podolyak", SaidAt.Parse("2023-05-24"), "article", ReactionKind.Threatens)
        },
        {
            "evidence",
            new PresentEvidence("e-1", Claim, "russian-mod", SaidAt.Parse("2023-05-24"), "article", EvidenceKind.Footage,
                "video of the vehicles") { Url = new Uri("https://example.org/video") },
            new EvidencePresented("e-1", Claim, "russian-mod", SaidAt.Parse("2023-05-24"), "article", EvidenceKind.Footage,
                "video of the vehicles") { Url = new Uri("https://example.org/video") }
        },
        {
            "amendment",
            new AmendStatement("fix-1", "podolyak-denies", new StatementChanges { Certainty = Certainty.Probable }, "hedged"),
            new StatementAmended("fix-1", "podolyak-denies", new StatementChanges { Certainty = Certainty.Probable }, "hedged")
        },
        {
            "strike",
            new StrikeStatement("strike-1", "podolyak-denies", "recorded twice"),
            new StatementStruck("strike-1", "podolyak-denies", "recorded twice")
        },
        {
            "claim",
            new RegisterClaim("second-claim", "US vehicles were used") { Incidents = ["belgorod-raid"] },
            new ClaimRegistered("second-claim", "US vehicles were used") { Incidents = ["belgorod-raid"] }
        },
        {
            "actor",
            new RegisterActor("us-officials", "US officials", ActorKind.Collective) { Anonymous = true },
            new ActorRegistered("us-officials", "US officials", ActorKind.Collective) { Anonymous = true }
        },
        {
            "source",
            new RegisterSource("nbc", "NBC News", "US investigating") { Url = new Uri("https://example.org/nbc"), Published = SaidAt.Parse("2023-05-25") },
            new SourceRegistered("nbc", "NBC News", "US investigating") { Url = new Uri("https://example.org/nbc"), Published = SaidAt.Parse("2023-05-25") }
        },
        {
            "link",
            new LinkClaims(Claim, ClaimLinkKind.Contradicts, "other-claim"),
            new ClaimLinked(Claim, ClaimLinkKind.Contradicts, "other-claim")
        },
        {
            "affiliation",
            new AffiliateActor("russian-mod", "office", SaidAt.Parse("2021")) { Role = "liaison" },
            new ActorAffiliated("russian-mod", "office", SaidAt.Parse("2021")) { Role = "liaison" }
        },
        {
            "affiliation ended",
            new EndAffiliation("podolyak", "office", SaidAt.Parse("2023-05")),
            new ActorAffiliationEnded("podolyak", "office", SaidAt.Parse("2023-05"))
        },
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Each_command_appends_exactly_the_event_recording_it_directly_appends(string kind,
        LedgerCommand command, LedgerEvent expected)
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync(Scenario);
        var before = app.Ledger.EventCount;

        var result = await app.Mediator.Send(command);
        await app.Reference.RecordAsync(expected);

        Assert.Equal(1, result.Appended);
        Assert.Equal(before + 1, app.Ledger.EventCount);
        var appended = (await app.Ledger.Store.ReadLastAsync())!;
        var reference = (await app.Reference.Store.ReadLastAsync())!;
        Assert.Equal(reference.Type, appended.Type);
        Assert.Equal(reference.Stream, appended.Stream);
        Assert.Equal(Encoding.UTF8.GetString(reference.Data.Span), Encoding.UTF8.GetString(appended.Data.Span));
        Assert.Equal(expected, Assert.Single(app.Notifications.Appended).Event);
        Assert.False(string.IsNullOrEmpty(kind));
    }

    [Fact]
    public void Every_statement_kind_and_correction_has_a_command()
    {
        var commanded = EveryCommand().Select(row => row[2].GetType()).ToHashSet();
        var events = typeof(LedgerEvent).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(LedgerEvent)) && !t.IsAbstract);

        Assert.All(events, e => Assert.Contains(e, commanded));
    }

    [Fact]
    public async Task A_batch_command_records_its_events_atomically()
    {
        await using var app = await MediatorHost.StartAsync();

        var result = await app.Mediator.Send(new RecordEvents([.. SampleEvents.Uncontested, SampleEvents.Assertion]));

        Assert.Equal(6, result.Appended);
        Assert.Equal(6, app.Ledger.EventCount);
    }

    [Fact]
    public async Task A_bad_command_fails_with_the_ledgers_validation_exception_and_records_nothing()
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync(SampleEvents.Uncontested);

        var error = await Assert.ThrowsAsync<LedgerValidationException>(async () =>
            await app.Mediator.Send(new RecordAssertion("x-1", Claim, "ghost", SaidAt.Parse("2023-05-23"), "article")));

        Assert.Equal(LedgerErrorCode.UnknownActor, Assert.Single(error.Errors).Code);
        Assert.Equal(5, app.Ledger.EventCount);
    }

    [Fact]
    public async Task Sending_the_same_command_twice_records_it_once()
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync(SampleEvents.Uncontested);
        var command = new RecordAssertion("a-1", Claim, "russian-mod", SaidAt.Parse("2023-05-23"), "article");

        await app.Mediator.Send(command);
        var again = await app.Mediator.Send(command);

        Assert.Equal((0, 1), (again.Appended, again.Unchanged));
        Assert.Equal(6, app.Ledger.EventCount);
    }
}
