using ClaimsLedger.Events;
using ClaimsLedger.Views;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Views;

public sealed class DiffTests
{
    [Fact]
    public async Task The_diff_shows_new_changed_and_retracted_positions()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Asserts("a1", "alice", "2023-05-20"),
            Asserts("b1", "bob", "2023-05-20"),
            Denies("a2", "alice", "2023-05-23"),
            Retracts("b2", "bob", "b1", "2023-05-23"),
            Asserts("c1", "carol", "2023-05-23"));

        var diff = await s.Ledger.DiffAsync(SaidBy("2023-05-21", s.Now.Recorded), SaidBy("2023-05-24", s.Now.Recorded));

        var claim = Assert.Single(diff.Claims);
        Assert.False(claim.ContestedBefore);
        Assert.True(claim.ContestedAfter);
        var byActor = claim.Positions.ToDictionary(p => p.Actor.Id.Value);
        Assert.Equal(ChangeKind.Changed, byActor["alice"].Change);
        Assert.Equal(Stance.Denies, byActor["alice"].After!.Stance);
        Assert.Equal(ChangeKind.Removed, byActor["bob"].Change);
        Assert.Equal(RemovalReason.Retracted, byActor["bob"].Reason);
        Assert.Equal(ChangeKind.Added, byActor["carol"].Change);
        Assert.Empty(diff.Corrections);
    }

    [Fact]
    public async Task The_diff_between_recorded_times_lists_corrections_and_their_effects()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-20"), Opens("i1", "bob", "2023-05-20"),
            Asserts("x1", "carol", "2023-05-20"));
        var before = s.Now;
        s.Later();
        await s.RecordAsync(
            new StatementAmended("fix", "a1", new StatementChanges { Actor = "bob" }, "misattributed"),
            new StatementStruck("strike", "x1", "never said"),
            Concludes("i2", "bob", "i1", "2023-05-21", FindingOutcome.Inconclusive));

        var diff = await s.Ledger.DiffAsync(before, s.Now);

        var claim = Assert.Single(diff.Claims);
        var byActor = claim.Positions.ToDictionary(p => p.Actor.Id.Value);
        Assert.Equal(RemovalReason.Reattributed, byActor["alice"].Reason);
        Assert.Equal(ChangeKind.Added, byActor["bob"].Change);
        Assert.Equal(RemovalReason.Struck, byActor["carol"].Reason);
        var investigation = Assert.Single(claim.Investigations);
        Assert.Equal(ChangeKind.Changed, investigation.Change);
        Assert.Equal(InvestigationStatus.Concluded, investigation.After!.Status);
        Assert.Equal(["fix", "strike"], diff.Corrections.Select(c => c.Id.Value));
        Assert.Equal(CorrectionKind.Strike, diff.Corrections[1].Kind);
        Assert.Contains("amendment of a1: misattributed", diff.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diff_of_a_point_with_itself_is_empty()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-20"));

        var diff = await s.Ledger.DiffAsync(s.Now, s.Now);

        Assert.True(diff.IsEmpty);
        Assert.Contains("(no changes)", diff.ToText(), StringComparison.Ordinal);
    }
}
