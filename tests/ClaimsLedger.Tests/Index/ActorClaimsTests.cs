using ClaimsLedger.Events;
using ClaimsLedger.Index;

namespace ClaimsLedger.Tests.Index;

/// <summary>The claims an actor has statements on: each once, in id order, whatever the order and repeats of adds.</summary>
public sealed class ActorClaimsTests
{
    private static readonly DateTimeOffset Recorded = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 40)]
    [InlineData(4, 500)]
    public void Each_claim_is_listed_once_in_id_order_however_often_and_in_whatever_order_it_was_added(int seed, int claimCount)
    {
        var random = new Random(seed);
        var claims = Enumerable.Range(0, claimCount)
            .Select(i => new ClaimEntry(new ClaimRegistered($"claim-{i:D4}", "A claim"), i, Recorded) { Number = i }).ToArray();
        var actorClaims = new ActorClaims();
        var added = new HashSet<ClaimId>();
        for (var i = 0; i < 5_000; i++)
        {
            // Runs of the same claim, as one actor's statements often come, and random jumps between claims.
            var claim = claims[random.Next(Math.Min(claimCount, 1 + (i / 10)))];
            for (var run = random.Next(3); run >= 0; run--)
            {
                actorClaims.Add(claim);
            }

            added.Add(claim.Registration.Id);
            if (random.Next(500) == 0)
            {
                Assert.Equal(added.Order(), actorClaims.Ids(claims));
            }
        }

        Assert.Equal(added.Order(), actorClaims.Ids(claims));
    }

    [Fact]
    public void Trimming_keeps_each_claim_once_in_no_more_room_and_claims_added_later_are_listed_too()
    {
        var claims = Enumerable.Range(0, 300)
            .Select(i => new ClaimEntry(new ClaimRegistered($"claim-{i:D4}", "A claim"), i, Recorded) { Number = i }).ToArray();
        var actorClaims = new ActorClaims();
        for (var i = 0; i < 2_000; i++)
        {
            actorClaims.Add(claims[(i * 7) % 200]);
        }

        actorClaims.TrimExcess();

        Assert.Equal(200, actorClaims.Capacity);
        Assert.Equal(claims.Take(200).Select(c => c.Registration.Id).Order(), actorClaims.Ids(claims));
        foreach (var claim in claims.Reverse())
        {
            actorClaims.Add(claim);
        }

        Assert.Equal(claims.Select(c => c.Registration.Id).Order(), actorClaims.Ids(claims));
    }

    [Fact]
    public void An_actor_with_no_statements_has_no_claims() => Assert.Empty(new ActorClaims().Ids([]));
}
