using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Rules;

/// <summary>Rule 3: order by saidAt start, then end, then global position; "latest" is last.</summary>
public sealed class OrderRuleTests
{
    [Fact]
    public async Task A_later_start_is_later_even_when_recorded_earlier()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("d1", "alice", "2023-05-24"));
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"));

        var position = (await s.ClaimAsync(s.Now))!.PositionOf("alice");

        Assert.Equal("d1", position!.Statement.Value);
    }

    [Fact]
    public async Task With_equal_starts_the_later_end_is_later()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("week", "alice", "2023-05-22/2023-05-26"));
        await s.RecordAsync(Asserts("day", "alice", "2023-05-22"));

        var position = (await s.ClaimAsync(s.Now))!.PositionOf("alice");

        Assert.Equal("week", position!.Statement.Value);
    }

    [Fact]
    public async Task With_equal_saidAt_the_later_position_is_later()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("first", "alice", "2023-05-22"));
        await s.RecordAsync(Denies("second", "alice", "2023-05-22"));

        var position = (await s.ClaimAsync(s.Now))!.PositionOf("alice");

        Assert.Equal("second", position!.Statement.Value);
    }

    [Fact]
    public async Task An_instant_within_a_day_is_later_than_the_day_itself()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("noon", "alice", "2023-05-22T12:00Z"));
        await s.RecordAsync(Asserts("day", "alice", "2023-05-22"));

        var position = (await s.ClaimAsync(s.Now))!.PositionOf("alice");

        Assert.Equal("noon", position!.Statement.Value);
    }

    [Fact]
    public async Task The_timeline_lists_statements_in_statement_order_across_claims()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Asserts("c", "alice", "2023-05-24"),
            Asserts("a", "bob", "2023-05", OtherClaim),
            Denies("b", "carol", "2023-05-22/2023-05-26"),
            Asserts("d", "alice", "2023-05-24", OtherClaim));

        var timeline = await s.Ledger.GetTimelineAsync(ClaimsLedger.Views.TimelineQuery.All, s.Now);

        Assert.Equal(["a", "b", "c", "d"], timeline.Entries.Select(e => e.Statement.Statement.Value));
    }
}
