using ClaimsLedger.Events;
using ClaimsLedger.Views;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Rules;

/// <summary>Rule 5: contested claims and open or concluded investigations.</summary>
public sealed class ContestedAndInvestigationRuleTests
{
    [Fact]
    public async Task Denial_after_assertion_makes_claim_contested()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Denies("d1", "bob", "2023-05-23"));

        Assert.True((await s.ClaimAsync(s.Now))!.Contested);
        Assert.False((await s.ClaimAsync(SaidBy("2023-05-22", s.Now.Recorded)))!.Contested);
    }

    [Fact]
    public async Task A_claim_only_asserted_is_not_contested()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"), Asserts("a2", "bob", "2023-05-23"));

        Assert.False((await s.ClaimAsync(s.Now))!.Contested);
    }

    [Fact]
    public async Task A_claim_stops_being_contested_when_the_denial_is_retracted()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Asserts("a1", "alice", "2023-05-22"),
            Denies("d1", "bob", "2023-05-23"),
            Retracts("r1", "bob", "d1", "2023-05-25"));

        Assert.True((await s.ClaimAsync(SaidBy("2023-05-24", s.Now.Recorded)))!.Contested);
        Assert.False((await s.ClaimAsync(s.Now))!.Contested);
    }

    [Fact]
    public async Task An_investigation_is_open_until_a_conclusion_counts()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Opens("inv", "alice", "2023-05-22"),
            Concludes("end", "alice", "inv", "2023-05-25", FindingOutcome.Refuted));

        var open = Assert.Single((await s.ClaimAsync(SaidBy("2023-05-24", s.Now.Recorded)))!.Investigations);
        var concluded = Assert.Single((await s.ClaimAsync(s.Now))!.Investigations);

        Assert.Equal(InvestigationStatus.Open, open.Status);
        Assert.Null(open.Finding);
        Assert.Equal(InvestigationStatus.Concluded, concluded.Status);
        Assert.Equal(FindingOutcome.Refuted, concluded.Finding!.Outcome);
        Assert.Equal("end", concluded.Conclusion!.Statement.Value);
    }

    [Fact]
    public async Task An_investigation_said_after_T_is_not_on_the_board()
    {
        var s = await StartAsync();
        await s.RecordAsync(Opens("inv", "alice", "2023-05-22/2023-05-26"));

        Assert.Empty((await s.ClaimAsync(SaidBy("2023-05-24", s.Now.Recorded)))!.Investigations);
        Assert.Single((await s.ClaimAsync(SaidBy("2023-05-24", s.Now.Recorded).WithPossiblySaid()))!.Investigations);
    }

    [Fact]
    public async Task A_free_text_finding_is_shown()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Opens("inv", "alice", "2023-05-22"),
            new InvestigationConcluded("end", Claim, "alice", SaidAt.Parse("2023-05-25"), Source, "inv",
                new Finding(FindingOutcome.Other) { Summary = "vehicles were captured, not transferred" }));

        var investigation = Assert.Single((await s.ClaimAsync(s.Now))!.Investigations);

        Assert.Equal("vehicles were captured, not transferred", investigation.Finding!.Summary);
    }
}
