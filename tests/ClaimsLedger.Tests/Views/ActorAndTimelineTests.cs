using ClaimsLedger.Events;
using ClaimsLedger.Views;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Views;

public sealed class ActorAndTimelineTests
{
    [Fact]
    public async Task An_actor_view_lists_its_position_on_every_claim_with_affiliations_as_of_T()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            new ActorAffiliated("alice", "agency", SaidAt.Parse("2023-05-20")) { Role = "editor" },
            new ActorAffiliationEnded("alice", "agency", SaidAt.Parse("2023-05-25")),
            Asserts("a1", "alice", "2023-05-22"),
            Denies("d1", "alice", "2023-05-23", OtherClaim),
            Denies("d2", "bob", "2023-05-23"));

        var during = await s.Ledger.GetActorAsync("alice", SaidBy("2023-05-23", s.Now.Recorded));
        var after = await s.Ledger.GetActorAsync("alice", s.Now);

        Assert.Equal([Claim, OtherClaim], during!.Positions.Select(p => p.Claim.Id.Value));
        Assert.True(during.Positions[0].Contested);
        Assert.Equal("editor", Assert.Single(during.Affiliations).Role);
        Assert.Equal(["News Agency"], during.Actor.Affiliations);
        Assert.Empty(after!.Affiliations);
        Assert.Contains("member of News Agency (editor) since 2023-05-20", during.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_actors_view_has_every_actor_with_a_position()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Denies("d1", "bob", "2023-05-23"),
            Reacts("r1", "carol", "2023-05-22"));

        var actors = await s.Ledger.GetActorsAsync(s.Now);

        Assert.Equal(["alice", "bob"], actors.Actors.Select(a => a.Actor.Id.Value));
    }

    [Fact]
    public async Task An_unknown_actor_or_claim_gives_no_view()
    {
        var s = await StartAsync();

        Assert.Null(await s.Ledger.GetActorAsync("nobody", s.Now));
        Assert.Null(await s.Ledger.GetClaimAsync("no-claim", s.Now));
    }

    [Fact]
    public async Task The_timeline_filters_by_claim_actor_incident_source_and_dates()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            new SourceRegistered("wire", "Wire", "Wire story"),
            Asserts("a1", "alice", "2023-05-20"),
            Denies("d1", "bob", "2023-05-22"),
            new StatementAsserted("a2", OtherClaim, "alice", SaidAt.Parse("2023-05-24"), "wire"),
            Reacts("r1", "carol", "2023-05-22/2023-05-26"));

        async Task<string[]> Ids(TimelineQuery query) =>
            [.. (await s.Ledger.GetTimelineAsync(query, s.Now)).Entries.Select(e => e.Statement.Statement.Value)];

        Assert.Equal(["a1", "d1", "r1", "a2"], await Ids(TimelineQuery.All));
        Assert.Equal(["a1", "d1", "r1"], await Ids(new TimelineQuery { Claim = Claim }));
        Assert.Equal(["a1", "a2"], await Ids(new TimelineQuery { Actor = "alice" }));
        Assert.Equal(["a2"], await Ids(new TimelineQuery { Incident = "dam-breach" }));
        Assert.Equal(["a2"], await Ids(new TimelineQuery { Source = "wire" }));
        Assert.Equal(["d1", "r1"], await Ids(new TimelineQuery
        {
            From = AsOf.ParsePoint("2023-05-21"),
            To = AsOf.ParsePoint("2023-05-22"),
        }));
        Assert.Empty(await Ids(new TimelineQuery { Claim = "no-claim" }));
    }

    [Fact]
    public async Task The_timeline_marks_retracted_and_corrected_statements()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-20"), Retracts("r1", "alice", "a1", "2023-05-21"),
            Denies("d1", "bob", "2023-05-22"));
        s.Later();
        await s.RecordAsync(new StatementAmended("fix", "d1", new StatementChanges { Quote = "no" }, "quote found"));

        var timeline = await s.Ledger.GetTimelineAsync(TimelineQuery.All, s.Now);

        Assert.Equal("r1", timeline.Entries[0].RetractedBy!.Value.Value);
        Assert.Equal(["fix"], timeline.Entries[2].Corrections.Select(c => c.Value));
        Assert.Equal(Stance.Denies, timeline.Entries[2].Stance);
        var text = timeline.ToText();
        Assert.Contains("[retracted by r1]", text, StringComparison.Ordinal);
        Assert.Contains("[corrected by fix]", text, StringComparison.Ordinal);
    }
}
