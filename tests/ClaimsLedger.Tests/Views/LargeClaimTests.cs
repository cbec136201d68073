using System.Globalization;
using ClaimsLedger.Events;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Views;

/// <summary>Claims larger than the evaluation's small-claim paths: many positions, many statements.</summary>
public sealed class LargeClaimTests
{
    [Fact]
    public async Task Many_positions_are_ordered_by_stance_certainty_and_actor_id()
    {
        var s = await StartAsync();
        var actors = Enumerable.Range(0, 150).Select(i => $"speaker-{(i * 37) % 150:D3}").ToList();
        await s.RecordAsync([.. actors.Select(a => new ActorRegistered(a, a.ToUpperInvariant(), ActorKind.Person))]);
        await s.RecordAsync([.. actors.Select((a, i) => (i % 2 == 0 ? (StanceStatement)Asserts($"s-{a}", a, "2023-05-22") : Denies($"s-{a}", a, "2023-05-22"))
            with { Certainty = (Certainty)(1 + (i % 3)) })]);

        var status = (await s.ClaimAsync(s.Now))!;

        var expected = status.Positions.OrderBy(p => p.Stance).ThenBy(p => p.Certainty)
            .ThenBy(p => p.Actor.Id.Value, StringComparer.Ordinal).Select(p => p.Actor.Id.Value);
        Assert.Equal(150, status.Positions.Count);
        Assert.Equal(expected, status.Positions.Select(p => p.Actor.Id.Value));
        Assert.Equal(status, (await s.Ledger.GetBoardAsync(s.Now))[Claim]);
    }

    [Fact]
    public async Task A_claim_of_thousands_of_statements_falls_back_on_retraction_and_leaves_other_claims_right()
    {
        var s = await StartAsync();
        var actors = Enumerable.Range(0, 60).Select(i => $"speaker-{i:D2}").ToList();
        await s.RecordAsync([.. actors.Select(a => new ActorRegistered(a, a, ActorKind.Person))]);
        var statements = Enumerable.Range(0, 4_800)
            .Select(k => (Id: $"s-{k}", Actor: actors[k % 60], Day: new DateOnly(2023, 1, 1).AddDays(k % 140),
                Asserts: k % 7 != 0))
            .ToList();
        foreach (var batch in statements.Chunk(1_000))
        {
            await s.RecordAsync([.. batch.Select(t => t.Asserts
                ? (LedgerEvent)Asserts(t.Id, t.Actor, Day(t.Day))
                : Denies(t.Id, t.Actor, Day(t.Day)))]);
        }

        // Each actor's latest statement in rule-3 order: the latest day, then the last recorded on that day.
        var latest = statements.GroupBy(t => t.Actor)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Day).ThenBy(t => int.Parse(t.Id[2..], CultureInfo.InvariantCulture)).ToList());
        var retracted = actors.Take(10).ToList();
        await s.RecordAsync([.. retracted.Select(a => Retracts($"r-{a}", a, latest[a][^1].Id, "2023-05-30"))]);
        await s.RecordAsync(Asserts("small", "alice", "2023-05-22", OtherClaim));

        var status = (await s.ClaimAsync(s.Now))!;
        var other = (await s.ClaimAsync(s.Now, OtherClaim))!;

        var expected = actors.ToDictionary(a => a, a => latest[a][retracted.Contains(a) ? ^2 : ^1]);
        Assert.Equal(60, status.Positions.Count);
        foreach (var actor in actors)
        {
            var position = status.PositionOf(actor)!;
            Assert.Equal(expected[actor].Id, position.Statement.Value);
            Assert.Equal(expected[actor].Asserts ? Stance.Asserts : Stance.Denies, position.Stance);
        }

        Assert.Equal(10, status.Retractions.Count);
        Assert.Equal(expected.Values.Any(t => t.Asserts) && expected.Values.Any(t => !t.Asserts), status.Contested);
        Assert.Equal(["small"], other.Positions.Select(p => p.Statement.Value));
        Assert.Equal(status, (await s.Ledger.GetBoardAsync(s.Now))[Claim]);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
