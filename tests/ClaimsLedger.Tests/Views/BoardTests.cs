using ClaimsLedger.Events;
using ClaimsLedger.Storage;
using ClaimsLedger.Views;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Views;

public sealed class BoardTests
{
    [Fact]
    public async Task The_board_lists_claims_with_a_counted_statement_in_id_order()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22", OtherClaim), Asserts("a2", "bob", "2023-05-24"));

        var early = await s.Ledger.GetBoardAsync(SaidBy("2023-05-22", s.Now.Recorded));
        var late = await s.Ledger.GetBoardAsync(s.Now);

        Assert.Equal([OtherClaim], early.Claims.Select(c => c.Claim.Id.Value));
        Assert.Equal([Claim, OtherClaim], late.Claims.Select(c => c.Claim.Id.Value));
        Assert.NotNull(late[Claim]);
        Assert.Null(early[Claim]);
    }

    [Fact]
    public async Task The_board_json_is_deterministic_and_reads_back_equal()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Asserts("a1", "alice", "2023-05-22") with { Quote = "“yes” — ünïcode", Via = ["agency"] },
            Denies("d1", "bob", "2023-05-23"),
            Opens("i1", "carol", "2023-05-22"),
            Reacts("r1", "carol", "2023-05-22", ReactionKind.Warns),
            Presents("e1", "bob", "2023-05-22"),
            new ClaimLinked(Claim, ClaimLinkKind.Contradicts, OtherClaim));

        var board = await s.Ledger.GetBoardAsync(s.Now);
        var again = await s.Ledger.GetBoardAsync(s.Now);

        Assert.Equal(board.ToJson(), again.ToJson());
        Assert.Equal(board, again);
        Assert.Equal(board, ViewJson.Deserialize<ClaimBoard>(board.ToJson()));
        Assert.Contains("\"contested\": true", board.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"stance\": \"asserts\"", board.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_json_starts_with_the_as_of_point()
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("a1", "alice", "2023-05-22"));

        var json = (await s.Ledger.GetBoardAsync(SaidBy("2023-05-24", s.Now.Recorded))).ToJson();

        Assert.StartsWith(
            "{\n  \"asOf\": {\n    \"said\": \"2023-05-25T00:00:00Z\",\n    \"recorded\": \"2023-06-01T00:00:00Z\",\n    \"inclusion\": \"certainly-said\"\n  },",
            json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_rendering_groups_by_stance_and_certainty_with_provenance()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Asserts("a1", "alice", "2023-05-22") with { Quote = "it was a missile", Via = ["agency"] },
            Denies("d1", "bob", "2023-05-23") with { Certainty = Certainty.Probable },
            Opens("i1", "carol", "2023-05-22"));

        var text = (await s.Ledger.GetBoardAsync(s.Now)).ToText();

        Assert.Contains("■ The bridge was destroyed by a missile  [claim]  — CONTESTED", text, StringComparison.Ordinal);
        Assert.Contains("  Asserts\n    certain   Alice Adams — 2023-05-22 “it was a missile”", text, StringComparison.Ordinal);
        Assert.Contains("via News Agency, in Daily Paper [paper]", text, StringComparison.Ordinal);
        Assert.Contains("  Denies\n    probable  Bob Brown — 2023-05-23", text, StringComparison.Ordinal);
        Assert.Contains("  Investigations\n    open      Carol Chen — opened 2023-05-22", text, StringComparison.Ordinal);
        Assert.StartsWith("Who says what — certainly said by 2023-06-01 00:00:00 UTC", text.Replace("end of 2023-05-31", "2023-06-01 00:00:00 UTC", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_board_says_so()
    {
        var s = await StartAsync();

        var board = await s.Ledger.GetBoardAsync(s.Now);

        Assert.Empty(board.Claims);
        Assert.Contains("(no statement counts at this point)", board.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_and_affiliations_may_point_to_what_the_same_batch_registers_later()
    {
        var s = await StartAsync();

        // The log groups a batch by stream, so dave's affiliation and the link precede what they point to.
        await s.RecordAsync(
            new ActorRegistered("dave", "Dave Doe", ActorKind.Person),
            new ActorRegistered("ministry", "Ministry", ActorKind.Government),
            new ActorAffiliated("dave", "ministry", SaidAt.Year(2020)) { Role = "spokesperson" },
            new ClaimRegistered("new-claim", "New"),
            new ClaimRegistered("newer-claim", "Newer"),
            new ClaimLinked("new-claim", ClaimLinkKind.Refines, "newer-claim"),
            Asserts("n1", "dave", "2023-05-22", "new-claim"));
        var log = await s.Store.ReadAllForwardsAsync(GlobalPosition.Start).Select(e => e.Type).ToListAsync();
        Assert.Equal(["actor-registered.v1", "actor-affiliated.v1", "actor-registered.v1"], log[^7..^4]);

        var status = await s.Ledger.GetClaimAsync("new-claim", s.Now);
        Assert.Equal(["Ministry"], status!.Positions.Single().Actor.Affiliations);
        Assert.Equal("newer-claim", status.Links.Single().Target.Value);
    }
}
