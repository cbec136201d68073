using ClaimsLedger.Events;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Views;

/// <summary>
/// A board of many claims is built on every core, and its positions are ordered by actor ranks the index keeps: the
/// board still holds exactly each claim's own view, in claim id order, and actors registered later sort in place.
/// </summary>
public sealed class LargeBoardTests
{
    [Fact]
    public async Task A_board_of_many_claims_holds_each_claims_own_view_in_id_order()
    {
        var s = await StartAsync();
        var actors = Enumerable.Range(0, 40).Select(a => $"actor-{(a * 7) % 40:D2}").ToArray();
        await s.RecordAsync([.. actors.Select(a => new ActorRegistered(a, a, ActorKind.Person))]);

        // 1,500 claims (the board goes parallel from 512), every third with no statement, of varied sizes and stances.
        var random = new Random(11);
        var events = new List<LedgerEvent>();
        for (var c = 0; c < 1_500; c++)
        {
            var claim = $"c-{(c * 31) % 1_500:D4}";
            events.Add(new ClaimRegistered(claim, $"claim {c}"));
            for (var k = c % 3 == 0 ? 0 : random.Next(1, 12); k > 0; k--)
            {
                var actor = actors[random.Next(actors.Length)];
                var said = $"2023-05-{random.Next(1, 28):D2}";
                events.Add(random.Next(2) == 0
                    ? Asserts($"s-{c}-{k}", actor, said, claim) with { Certainty = (Certainty)random.Next(1, 4) }
                    : Denies($"s-{c}-{k}", actor, said, claim) with { Quote = $"no {k}" });
            }
        }

        await s.RecordAsync([.. events]);
        var asOf = SaidBy("2023-05-15", s.Now.Recorded);

        var board = await s.Ledger.GetBoardAsync(asOf);

        var expected = new List<ClaimsLedger.Views.ClaimStatus>();
        foreach (var id in Enumerable.Range(0, 1_500).Select(c => $"c-{c:D4}"))
        {
            if (await s.Ledger.GetClaimAsync(id, asOf) is { } status && (status.Positions.Count > 0 || status.Investigations.Count > 0))
            {
                expected.Add(status);
            }
        }

        Assert.True(board.Claims.Count > 600, $"{board.Claims.Count} claims on the board");
        Assert.Equal(expected.Select(c => c.Claim.Id), board.Claims.Select(c => c.Claim.Id));
        Assert.Equal(expected, board.Claims);
        Assert.All(board.Claims, c => Assert.Equal(
            c.Positions.OrderBy(p => p.Stance).ThenBy(p => p.Certainty).ThenBy(p => p.Actor.Id).Select(p => p.Actor.Id),
            c.Positions.Select(p => p.Actor.Id)));
    }

    [Fact]
    public async Task An_actor_registered_after_a_board_sorts_in_place_among_the_positions()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "carol", "2023-05-22"), Asserts("a2", "bob", "2023-05-22"));
        var before = await s.Ledger.GetBoardAsync(s.Now);

        await s.RecordAsync(new ActorRegistered("aaron", "Aaron Abel", ActorKind.Person));
        await s.RecordAsync(Asserts("a3", "aaron", "2023-05-22"), Asserts("a4", "alice", "2023-05-22"));
        var after = await s.Ledger.GetBoardAsync(s.Now);

        Assert.Equal(["bob", "carol"], before[Claim]!.Positions.Select(p => p.Actor.Id.Value));
        Assert.Equal(["aaron", "alice", "bob", "carol"], after[Claim]!.Positions.Select(p => p.Actor.Id.Value));
    }
}
