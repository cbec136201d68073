using ClaimsLedger.Events;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Rules;

/// <summary>Rule 4: an actor's position is its latest counted assertion or denial, not retracted nor struck.</summary>
public sealed class PositionRuleTests
{
    [Fact]
    public async Task Denial_after_assertion_by_the_same_actor_replaces_the_position()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Denies("d1", "alice", "2023-05-23"));

        var status = await s.ClaimAsync(s.Now);

        var position = Assert.Single(status!.Positions);
        Assert.Equal(Stance.Denies, position.Stance);
        Assert.Equal("d1", position.Statement.Value);
        Assert.False(status.Contested);
    }

    [Fact]
    public async Task Certainty_and_provenance_come_from_the_position_statement()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22") with
        {
            Certainty = Certainty.Possible,
            Quote = "it may have been",
            Via = ["agency"],
        });

        var position = (await s.ClaimAsync(s.Now))!.PositionOf("alice")!;

        Assert.Equal(Certainty.Possible, position.Certainty);
        Assert.Equal("it may have been", position.Quote);
        Assert.Equal("paper", position.Provenance.Source.Id.Value);
        Assert.Equal("News Agency", Assert.Single(position.Provenance.Via).Name);
    }

    [Fact]
    public async Task A_retracted_position_falls_back_to_the_previous_statement()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Asserts("a1", "alice", "2023-05-22"),
            Denies("d1", "alice", "2023-05-23"),
            Retracts("r1", "alice", "d1", "2023-05-24"));

        var status = await s.ClaimAsync(s.Now);

        Assert.Equal("a1", status!.PositionOf("alice")!.Statement.Value);
        Assert.Equal("d1", Assert.Single(status.Retractions).Target!.Value.Value);
    }

    [Fact]
    public async Task Retracting_the_only_statement_leaves_no_position()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Retracts("r1", "alice", "a1", "2023-05-24"));

        Assert.Empty((await s.ClaimAsync(s.Now))!.Positions);
    }

    [Fact]
    public async Task A_retraction_said_after_T_does_not_count_yet()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Retracts("r1", "alice", "a1", "2023-05-24"));

        var before = await s.ClaimAsync(SaidBy("2023-05-23", s.Now.Recorded));

        Assert.Equal("a1", before!.PositionOf("alice")!.Statement.Value);
    }

    [Fact]
    public async Task A_retraction_recorded_after_R_does_not_count_as_of_R()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"));
        var before = s.Now;
        s.Later();
        await s.RecordAsync(Retracts("r1", "alice", "a1", "2023-05-24"));

        Assert.Single((await s.ClaimAsync(before))!.Positions);
        Assert.Empty((await s.ClaimAsync(s.Now))!.Positions);
    }

    [Fact]
    public async Task A_struck_position_falls_back_to_the_previous_statement()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Denies("d1", "alice", "2023-05-23"));
        s.Later();
        await s.RecordAsync(new StatementStruck("strike-d1", "d1", "recorded in error"));

        Assert.Equal("a1", (await s.ClaimAsync(s.Now))!.PositionOf("alice")!.Statement.Value);
    }

    [Fact]
    public async Task Reactions_evidence_and_investigations_are_not_positions()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Reacts("r", "alice", "2023-05-22"),
            Presents("e", "bob", "2023-05-22"),
            Opens("i", "carol", "2023-05-22"));

        var status = await s.ClaimAsync(s.Now);

        Assert.Empty(status!.Positions);
        Assert.Single(status.Reactions);
        Assert.Single(status.Evidence);
        Assert.Single(status.Investigations);
    }

    [Fact]
    public async Task A_retracted_reaction_leaves_the_board()
    {
        var s = await StartAsync();
        await s.RecordAsync(Reacts("r", "alice", "2023-05-22"), Retracts("rr", "alice", "r", "2023-05-23"));

        Assert.Empty((await s.ClaimAsync(s.Now))!.Reactions);
    }

    [Fact]
    public async Task Positions_are_ordered_by_stance_then_certainty_then_actor()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Denies("d-carol", "carol", "2023-05-22"),
            Asserts("a-bob", "bob", "2023-05-22") with { Certainty = Certainty.Probable },
            Asserts("a-carol-other", "alice", "2023-05-22"),
            Denies("d-agency", "agency", "2023-05-22") with { Certainty = Certainty.Possible });

        var positions = (await s.ClaimAsync(s.Now))!.Positions;

        Assert.Equal(["alice", "bob", "carol", "agency"], positions.Select(p => p.Actor.Id.Value));
    }
}
