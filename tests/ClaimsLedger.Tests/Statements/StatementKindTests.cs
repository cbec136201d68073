using ClaimsLedger.Events;
using ClaimsLedger.Views;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Statements;

/// <summary>Every statement kind is recorded, read back from the store, and shown where it belongs.</summary>
public sealed class StatementKindTests
{
    public static TheoryData<StatementKind> Kinds => [.. Enum.GetValues<StatementKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_kind_is_recorded_and_appears_on_the_timeline_with_its_details(StatementKind kind)
    {
        var s = await StartAsync();
        await s.RecordAsync(Asserts("base", "alice", "2023-05-20"), Opens("inv", "bob", "2023-05-20"));
        Statement statement = kind switch
        {
            StatementKind.Assertion => Asserts("x", "carol", "2023-05-22") with { Certainty = Certainty.Probable },
            StatementKind.Denial => Denies("x", "carol", "2023-05-22") with { Certainty = Certainty.Possible },
            StatementKind.Retraction => Retracts("x", "alice", "base", "2023-05-22"),
            StatementKind.InvestigationOpened => Opens("x", "carol", "2023-05-22"),
            StatementKind.InvestigationConcluded => Concludes("x", "bob", "inv", "2023-05-22", FindingOutcome.Refuted),
            StatementKind.Reaction => Reacts("x", "carol", "2023-05-22", ReactionKind.Distances),
            _ => Presents("x", "carol", "2023-05-22"),
        };

        await s.RecordAsync(statement);
        var reopened = await Ledger.OpenAsync(s.Store, new LedgerOptions { Clock = s.Clock });
        var entry = (await reopened.GetTimelineAsync(TimelineQuery.All, s.Now)).Entries.Single(e => e.Statement.Statement == "x");
        var status = (await reopened.GetClaimAsync(Claim, s.Now))!;

        Assert.Equal(kind, entry.Statement.Kind);
        switch (kind)
        {
            case StatementKind.Assertion:
                Assert.Equal((Stance.Asserts, Certainty.Probable), (entry.Stance, entry.Certainty));
                Assert.Equal(Stance.Asserts, status.PositionOf("carol")!.Stance);
                break;
            case StatementKind.Denial:
                Assert.Equal((Stance.Denies, Certainty.Possible), (entry.Stance, entry.Certainty));
                Assert.True(status.Contested);
                break;
            case StatementKind.Retraction:
                Assert.Equal("base", entry.Statement.Target!.Value.Value);
                Assert.Null(status.PositionOf("alice"));
                break;
            case StatementKind.InvestigationOpened:
                Assert.Equal(2, status.Investigations.Count(i => i.Status == InvestigationStatus.Open));
                break;
            case StatementKind.InvestigationConcluded:
                Assert.Equal(("inv", FindingOutcome.Refuted), (entry.Investigation!.Value.Value, entry.Finding!.Outcome));
                Assert.Equal(InvestigationStatus.Concluded, status.Investigations.Single().Status);
                break;
            case StatementKind.Reaction:
                Assert.Equal(ReactionKind.Distances, status.Reactions.Single().Reaction);
                break;
            default:
                Assert.Equal((EvidenceKind.Footage, "video of the bridge"), (entry.Statement.Evidence, entry.Statement.Description));
                Assert.Single(status.Evidence);
                break;
        }
    }
}
