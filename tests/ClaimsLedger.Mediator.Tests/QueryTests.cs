using ClaimsLedger.Conformance;
using ClaimsLedger.Events;
using ClaimsLedger.Projections;
using ClaimsLedger.Views;
using Mediator;

namespace ClaimsLedger.Mediator.Tests;

/// <summary>Every query returns the view the ledger's own method returns, as of the same (said, recorded) point.</summary>
public sealed class QueryTests
{
    private static readonly AsOf SaidBy23May = AsOf.At(SampleEvents.After).WithSaid(AsOf.ParsePoint("2023-05-23"));
    private static readonly AsOf SaidBy22May = AsOf.At(SampleEvents.After).WithSaid(AsOf.ParsePoint("2023-05-22"));

    public static TheoryData<string> EveryView() =>
        ["board", "streamed board", "claim", "actor", "actors", "timeline", "diff", "projection", "live projection",
            "live projection said by 22 May"];

    /// <summary>A custom projection whose state lists every entry it was given (position, type, statement id).</summary>
    private static readonly ILedgerProjection<string> EntryList = LedgerProjection.Create(() => string.Empty,
        (state, entry) => state + $"{entry.Position} {entry.Event.GetType().Name} {(entry.Event as Statement)?.Id};");

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
            "diff" => (Json(await app.Mediator.Send(new GetDiff(SaidBy22May, SaidBy23May))),
                Json(await app.Ledger.DiffAsync(SaidBy22May, SaidBy23May))),
            "projection" => ((await app.Mediator.Send(GetProjection.Of(EntryList, SaidBy22May))).As<string>(),
                await app.Ledger.ProjectAsync(EntryList, SaidBy22May)),
            "live projection" => ((await app.Mediator.CreateStream(WatchProjection.Of(EntryList)).FirstAsync()).As<string>(),
                await app.Ledger.ProjectLiveAsync(EntryList).FirstAsync()),
            _ => ((await app.Mediator.CreateStream(WatchProjection.Of(EntryList, SaidBy22May.Said, SaidInclusion.CertainlySaid))
                    .FirstAsync()).As<string>(),
                await app.Ledger.ProjectLiveAsync(EntryList, SaidBy22May.Said, SaidInclusion.CertainlySaid).FirstAsync()),
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

    [Fact]
    public async Task A_projection_query_honours_its_as_of_point_and_returns_the_state_typed()
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync([.. SampleEvents.Uncontested, SampleEvents.Assertion]);
        var statements = LedgerProjection.Create(() => 0, (count, entry) => entry.Event is Statement ? count + 1 : count);

        var then = await app.Mediator.ProjectAsync(statements, SaidBy22May);
        var later = await app.Mediator.ProjectAsync(statements, SaidBy23May);

        Assert.Equal((1, 2), (then, later));
    }

    [Fact]
    public async Task A_live_projection_stream_yields_the_state_again_after_each_new_entry()
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync(SampleEvents.Uncontested);
        var statements = LedgerProjection.Create(() => 0, (count, entry) => entry.Event is Statement ? count + 1 : count);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var live = app.Mediator.ProjectLive(statements, cancellationToken: stop.Token)
            .GetAsyncEnumerator(stop.Token);

        Assert.True(await live.MoveNextAsync());
        var before = live.Current;
        await app.Ledger.RecordAsync(SampleEvents.Assertion);
        Assert.True(await live.MoveNextAsync());

        Assert.Equal((1, 2), (before, live.Current));
    }

    [Fact]
    public async Task A_live_projection_sent_as_of_a_said_time_counts_what_the_ledger_counts_then()
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync([.. SampleEvents.Uncontested, SampleEvents.Assertion]);

        var sent = await app.Mediator.ProjectLive(EntryList, SaidBy22May.Said, SaidInclusion.CertainlySaid).FirstAsync();
        var unbounded = await app.Mediator.ProjectLive(EntryList).FirstAsync();

        Assert.Equal(await app.Ledger.ProjectLiveAsync(EntryList, SaidBy22May.Said, SaidInclusion.CertainlySaid).FirstAsync(), sent);
        Assert.NotEqual(unbounded, sent);
    }

    [Fact]
    public async Task Reading_a_projected_state_as_another_type_names_both_types()
    {
        await using var app = await MediatorHost.StartAsync();

        var state = await app.Mediator.Send(GetProjection.Of(EntryList, SaidBy23May));
        var error = Assert.Throws<InvalidCastException>(() => state.As<int>());

        Assert.Equal(typeof(string), state.StateType);
        Assert.Contains("System.String", error.Message, StringComparison.Ordinal);
        Assert.Contains("System.Int32", error.Message, StringComparison.Ordinal);
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
