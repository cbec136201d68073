using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Rules;

/// <summary>Rules 1 and 2: which statements count as of (T, R).</summary>
public sealed class InclusionRuleTests
{
    [Fact]
    public async Task A_statement_said_on_a_day_counts_as_of_the_end_of_that_day_not_before()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"));

        var endOfDay = await s.ClaimAsync(SaidBy("2023-05-22", s.Now.Recorded));
        var dayBefore = await s.ClaimAsync(SaidBy("2023-05-21", s.Now.Recorded));
        var midDay = await s.ClaimAsync(SaidBy("2023-05-22T12:00Z", s.Now.Recorded));

        Assert.Single(endOfDay!.Positions);
        Assert.Empty(dayBefore!.Positions);
        Assert.Empty(midDay!.Positions);
    }

    [Fact]
    public async Task A_statement_said_in_a_month_is_only_possibly_said_before_the_month_ends()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05"));
        var midMonth = SaidBy("2023-05-15", s.Now.Recorded);

        var certainly = await s.ClaimAsync(midMonth);
        var possibly = await s.ClaimAsync(midMonth.WithPossiblySaid());
        var afterMonth = await s.ClaimAsync(SaidBy("2023-05-31", s.Now.Recorded));

        Assert.Empty(certainly!.Positions);
        Assert.Single(possibly!.Positions);
        Assert.Single(afterMonth!.Positions);
    }

    [Fact]
    public async Task A_range_of_days_counts_once_its_last_day_has_ended()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22/2023-05-26"));

        Assert.Empty((await s.ClaimAsync(SaidBy("2023-05-25", s.Now.Recorded)))!.Positions);
        Assert.Single((await s.ClaimAsync(SaidBy("2023-05-26", s.Now.Recorded)))!.Positions);
        Assert.Single((await s.ClaimAsync(SaidBy("2023-05-22", s.Now.Recorded).WithPossiblySaid()))!.Positions);
    }

    [Fact]
    public async Task An_instant_counts_from_that_instant()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22T14:30Z"));

        Assert.Single((await s.ClaimAsync(SaidBy("2023-05-22T14:30Z", s.Now.Recorded)))!.Positions);
        Assert.Empty((await s.ClaimAsync(SaidBy("2023-05-22T14:29Z", s.Now.Recorded)))!.Positions);
    }

    [Fact]
    public async Task A_statement_recorded_after_R_does_not_count_as_of_R()
    {
        var s = await StartAsync();
        var before = s.Now;
        s.Later();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"));

        Assert.Empty((await s.ClaimAsync(before))!.Positions);
        Assert.Single((await s.ClaimAsync(s.Now))!.Positions);
    }

    [Fact]
    public async Task R_is_inclusive_a_statement_recorded_exactly_at_R_counts()
    {
        var s = await StartAsync();
        var at = s.Later();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"));

        Assert.Single((await s.ClaimAsync(AsOf.At(at)))!.Positions);
        Assert.Empty((await s.ClaimAsync(AsOf.At(at.AddTicks(-1))))!.Positions);
    }

    [Fact]
    public async Task A_claim_registered_after_R_is_unknown_as_of_R()
    {
        var s = await StartAsync();
        var before = s.Now;
        s.Later();
        await s.RecordAsync(new Events.ClaimRegistered("late-claim", "Registered later"));

        Assert.Null(await s.Ledger.GetClaimAsync("late-claim", before));
        Assert.NotNull(await s.Ledger.GetClaimAsync("late-claim", s.Now));
    }
}
