using ClaimsLedger.Events;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Rules;

/// <summary>Rule 6: corrections depend only on recorded time and never erase history.</summary>
public sealed class CorrectionRuleTests
{
    [Fact]
    public async Task An_amendment_shows_from_its_recording_on_and_the_original_before()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("d1", "alice", "2023-05-22") with { Quote = "never" });
        var before = s.Now;
        s.Later();
        await s.RecordAsync(new StatementAmended("fix", "d1", new StatementChanges { Actor = "bob" }, "misattributed"));

        var original = (await s.ClaimAsync(before))!.Positions.Single();
        var corrected = (await s.ClaimAsync(s.Now))!.Positions.Single();

        Assert.Equal("alice", original.Actor.Id.Value);
        Assert.False(original.Corrected);
        Assert.Equal("bob", corrected.Actor.Id.Value);
        Assert.True(corrected.Corrected);
        Assert.Equal("never", corrected.Quote);
    }

    [Fact]
    public async Task Corrections_ignore_the_said_time()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("d1", "alice", "2023-05-22"));
        s.Later();
        await s.RecordAsync(new StatementAmended("fix", "d1", new StatementChanges { Certainty = Certainty.Probable }, "hedged"));

        var asOfEarlySaid = await s.ClaimAsync(SaidBy("2023-05-22", s.Now.Recorded));

        Assert.Equal(Certainty.Probable, asOfEarlySaid!.Positions.Single().Certainty);
    }

    [Fact]
    public async Task Several_amendments_apply_in_log_order()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"));
        s.Later();
        await s.RecordAsync(new StatementAmended("fix-1", "a1", new StatementChanges { Quote = "first", Certainty = Certainty.Possible }, "r"));
        var between = s.Now;
        s.Later();
        await s.RecordAsync(new StatementAmended("fix-2", "a1", new StatementChanges { Quote = "second" }, "r"));

        var middle = (await s.ClaimAsync(between))!.Positions.Single();
        var last = (await s.ClaimAsync(s.Now))!.Positions.Single();

        Assert.Equal("first", middle.Quote);
        Assert.Equal("second", last.Quote);
        Assert.Equal(Certainty.Possible, last.Certainty);
    }

    [Fact]
    public async Task A_strike_removes_the_statement_from_every_view_from_its_recording_on()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Reacts("r1", "bob", "2023-05-22"));
        var before = s.Now;
        s.Later();
        await s.RecordAsync(new StatementStruck("strike-1", "a1", "recorded in error"),
            new StatementStruck("strike-2", "r1", "recorded in error"));

        var old = await s.ClaimAsync(before);
        var now = await s.ClaimAsync(s.Now);
        var timeline = await s.Ledger.GetTimelineAsync(ClaimsLedger.Views.TimelineQuery.All, s.Now);
        var actor = await s.Ledger.GetActorAsync("alice", s.Now);

        Assert.Single(old!.Positions);
        Assert.Single(old.Reactions);
        Assert.Empty(now!.Positions);
        Assert.Empty(now.Reactions);
        Assert.Empty(timeline.Entries);
        Assert.Empty(actor!.Positions);
    }

    [Fact]
    public async Task An_amended_saidAt_moves_the_statement_in_the_order_and_in_inclusion()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-20"), Denies("d1", "alice", "2023-05-22"));
        var before = s.Now;
        s.Later();
        await s.RecordAsync(new StatementAmended("fix", "a1",
            new StatementChanges { SaidAt = SaidAt.Parse("2023-05-24") }, "wrong date"));

        Assert.Equal("d1", (await s.ClaimAsync(before))!.PositionOf("alice")!.Statement.Value);
        Assert.Equal("a1", (await s.ClaimAsync(s.Now))!.PositionOf("alice")!.Statement.Value);
        Assert.Equal("d1", (await s.ClaimAsync(SaidBy("2023-05-23", s.Now.Recorded)))!.PositionOf("alice")!.Statement.Value);
    }

    [Fact]
    public async Task Removing_a_quote_and_replacing_the_chain_of_intermediaries()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22") with { Quote = "x", Via = ["agency"] });
        s.Later();
        await s.RecordAsync(new StatementAmended("fix", "a1", new StatementChanges { RemoveQuote = true, Via = [] }, "not verbatim"));

        var position = (await s.ClaimAsync(s.Now))!.Positions.Single();

        Assert.Null(position.Quote);
        Assert.Empty(position.Provenance.Via);
    }

    [Fact]
    public async Task A_correction_deletes_nothing_from_the_store()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"));
        var count = s.Store.Count;

        await s.RecordAsync(new StatementStruck("strike", "a1", "error"));

        Assert.Equal(count + 1, s.Store.Count);
    }

    [Fact]
    public async Task A_misattribution_fix_moves_the_position_to_the_right_actor_and_the_retraction_rule_follows()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Retracts("r1", "alice", "a1", "2023-05-23"));
        s.Later();
        await s.RecordAsync(new StatementAmended("fix", "a1", new StatementChanges { Actor = "bob" }, "it was Bob"));

        var status = await s.ClaimAsync(s.Now);

        // Alice's retraction targets a statement that is now Bob's: rule 4 only lets an actor retract its own.
        Assert.Equal("bob", Assert.Single(status!.Positions).Actor.Id.Value);
        Assert.Empty(status.Retractions);
    }
}
