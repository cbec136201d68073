using ClaimsLedger.Conformance;
using ClaimsLedger.Views;
using Mediator;

namespace ClaimsLedger.Mediator.Tests;

/// <summary>Every query returns the view the ledger's own method returns, as of the same (said, recorded) point.</summary>
public sealed class QueryTests
{
    private static readonly AsOf SaidBy23May = AsOf.At(SampleEvents.After).WithSaid(AsOf.ParsePoint("2023-05-23"));
    private static readonly AsOf SaidBy22May = AsOf.At(SampleEvents.After).WithSaid(AsOf.ParsePoint("2023-05-22"));

    public static TheoryData<string> EveryView() =>
        ["board", "streamed board", "claim", "actor", "actors", "timeline", "diff"];

    [Theory]
    [MemberData(nameof(EveryView))]
    public async Task Each_query_returns_the_view_the_ledger_method_returns(string view)
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync([.. SampleEvents.Uncontested, SampleEvents.Assertion]);
        var (sent, direct) = view switch
        {
            "board" => (Json(await app.Mediator.Send(new GetBoard(SaidBy23May))),
                Json(await app.Ledger.GetBoardAsync(SaidBy23May))),
            "streamed board" => (Json(new ClaimBoard(SaidBy23May,
                    await app.Mediator.CreateStream(new ReadBoard(SaidBy23May)).ToListAsync())),
                Json(await app.Ledger.GetBoardAsync(SaidBy23May))),
            "claim" => (Json(await app.Mediator.Send(new GetClaim(SampleEvents.Claim, SaidBy23May))),
                Json(await app.Ledger.GetClaimAsync(SampleEvents.Claim, SaidBy23May))),
            "actor" => (Json(await app.Mediator.Send(new GetActor("podolyak", SaidBy23May))),
                Json(await app.Ledger.GetActorAsync("podolyak", SaidBy23May))),
            "actors" => (Json(await app.Mediator.Send(new GetActors(SaidBy23May))),
                Json(await app.Ledger.GetActorsAsync(SaidBy23May))),
            "timeline" => (Json(await app.Mediator.Send(new GetTimeline(TimelineQuery.All, SaidBy23May))),
                Json(await app.Ledger.GetTimelineAsync(TimelineQuery.All, SaidBy23May))),
            _ => (Json(await app.Mediator.Send(new GetDiff(SaidBy22May, SaidBy23May))),
                Json(await app.Ledger.DiffAsync(SaidBy22May, SaidBy23May))),
        };

        Assert.Equal(direct, sent);
        Assert.False(string.IsNullOrEmpty(sent));
    }

    [Fact]
    public async Task Queries_honour_their_as_of_point()
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync([.. SampleEvents.Uncontested, SampleEvents.Assertion]);

        var then = await app.Mediator.Send(new GetClaim(SampleEvents.Claim, SaidBy22May));
        var later = await app.Mediator.Send(new GetClaim(SampleEvents.Claim, SaidBy23May));

        Assert.False(then!.Contested);
        Assert.True(later!.Contested);
    }

    [Fact]
    public async Task Asking_for_a_claim_never_registered_returns_null()
    {
        await using var app = await MediatorHost.StartAsync();

        Assert.Null(await app.Mediator.Send(new GetClaim("never-registered", SaidBy23May)));
        Assert.Null(await app.Mediator.Send(new GetActor("nobody", SaidBy23May)));
    }

    private static string Json(object? view) => view switch
    {
        null => "null",
        ClaimBoard v => v.ToJson(),
        ClaimStatus v => v.ToJson(),
        ActorPositions v => v.ToJson(),
        ActorsView v => v.ToJson(),
        Timeline v => v.ToJson(),
        LedgerDiff v => v.ToJson(),
        _ => throw new ArgumentException(view.GetType().Name),
    };
}
