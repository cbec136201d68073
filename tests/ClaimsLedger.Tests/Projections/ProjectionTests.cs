using System.Collections.Immutable;
using ClaimsLedger.Events;
using ClaimsLedger.Projections;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Projections;

public sealed class ProjectionTests
{
    /// <summary>A user projection: how many denials each actor has made, by statement id.</summary>
    private static readonly ILedgerProjection<ImmutableDictionary<string, ImmutableSortedSet<string>>> DenialsByActor =
        LedgerProjection.Create(
            () => ImmutableDictionary<string, ImmutableSortedSet<string>>.Empty,
            (state, entry) => entry.Event is StatementDenied denial
                ? state.SetItem(denial.Actor.Value,
                    state.GetValueOrDefault(denial.Actor.Value, []).Add(denial.Id.Value))
                : state);

    [Fact]
    public async Task A_projection_runs_as_of_said_time_and_recorded_time()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("d1", "alice", "2023-05-20"), Denies("d2", "alice", "2023-05-24"));
        var before = s.Now;
        s.Later();
        await s.RecordAsync(Denies("d3", "bob", "2023-05-21"));

        var early = await s.Ledger.ProjectAsync(DenialsByActor, SaidBy("2023-05-22", s.Now.Recorded));
        var recordedBefore = await s.Ledger.ProjectAsync(DenialsByActor, before);
        var now = await s.Ledger.ProjectAsync(DenialsByActor, s.Now);

        Assert.Equal(["d1"], early["alice"]);
        Assert.Equal(["d3"], early["bob"]);
        Assert.False(recordedBefore.ContainsKey("bob"));
        Assert.Equal(["d1", "d2"], now["alice"]);
    }

    [Fact]
    public async Task A_projection_sees_statements_as_corrected_at_R_and_never_struck_ones()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("d1", "alice", "2023-05-20"), Denies("d2", "alice", "2023-05-21"));
        var before = s.Now;
        s.Later();
        await s.RecordAsync(
            new StatementAmended("fix", "d1", new StatementChanges { Actor = "bob" }, "misattributed"),
            new StatementStruck("strike", "d2", "never said"));

        var original = await s.Ledger.ProjectAsync(DenialsByActor, before);
        var corrected = await s.Ledger.ProjectAsync(DenialsByActor, s.Now);

        Assert.Equal(["d1", "d2"], original["alice"]);
        Assert.False(corrected.ContainsKey("alice"));
        Assert.Equal(["d1"], corrected["bob"]);
    }

    [Fact]
    public async Task A_projection_sees_registrations_in_global_order()
    {
        var s = await StartAsync();
        var types = await s.Ledger.ProjectAsync(
            LedgerProjection.Create(() => new List<string>(), (list, entry) =>
            {
                list.Add(EventTypeNames.Of(entry.Event));
                return list;
            }),
            s.Now);

        Assert.Equal(7, types.Count);
        Assert.Equal("source-registered.v1", types[0]);
    }

    [Fact]
    public async Task A_live_projection_yields_the_current_state_then_every_change()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("d1", "alice", "2023-05-20"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var states = new List<ImmutableDictionary<string, ImmutableSortedSet<string>>>();

        var live = Task.Run(async () =>
        {
            await foreach (var state in s.Ledger.ProjectLiveAsync(DenialsByActor, cancellationToken: cancel.Token))
            {
                states.Add(state);
                if (states.Count == 3)
                {
                    return;
                }
            }
        });
        await WaitUntil(() => states.Count == 1);
        await s.RecordAsync(Denies("d2", "bob", "2023-05-21"));
        await s.RecordAsync(new StatementStruck("strike", "d1", "never said"));
        await live.WaitAsync(cancel.Token);

        Assert.Equal(["d1"], states[0]["alice"]);
        Assert.Equal(["d2"], states[1]["bob"]);
        Assert.False(states[2].ContainsKey("alice"), "a strike rebuilds the state without the struck statement");
        Assert.Equal(["d2"], states[2]["bob"]);
    }

    [Fact]
    public async Task A_live_projection_as_of_a_fixed_said_time_counts_only_what_was_said_by_then()
    {
        var s = await StartAsync();
        await s.RecordAsync(Denies("d1", "alice", "2023-05-20"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var states = new List<ImmutableDictionary<string, ImmutableSortedSet<string>>>();
        var said = AsOf.ParsePoint("2023-05-22");

        var live = Task.Run(async () =>
        {
            await foreach (var state in s.Ledger.ProjectLiveAsync(DenialsByActor, said, SaidInclusion.CertainlySaid,
                               cancellationToken: cancel.Token))
            {
                states.Add(state);
                if (states.Count == 3)
                {
                    return;
                }
            }
        });
        await WaitUntil(() => states.Count == 1);
        await s.RecordAsync(Denies("late", "bob", "2023-05-25"));
        await s.RecordAsync(Denies("this-week", "bob", "2023-05-22/2023-05-26"));
        await s.RecordAsync(Denies("d2", "bob", "2023-05-21"));
        await s.RecordAsync(new StatementAmended("move", "d1", new StatementChanges { SaidAt = SaidAt.Parse("2023-05-24") }, "misdated"));
        await live.WaitAsync(cancel.Token);

        Assert.Equal(["d1"], states[0]["alice"]);
        Assert.Equal(["d2"], states[1]["bob"]);
        Assert.False(states[2].ContainsKey("alice"), "the amendment moves d1 past the said time, and the state is rebuilt");
        Assert.Equal(["d2"], states[2]["bob"]);
    }

    [Fact]
    public async Task A_live_projection_as_of_a_fixed_said_time_refuses_to_deliver_corrections()
    {
        var s = await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in s.Ledger.ProjectLiveAsync(DenialsByActor, AsOf.ParsePoint("2023-05-22"),
                               SaidInclusion.CertainlySaid, CorrectionHandling.Deliver))
            {
            }
        });

        Assert.Equal("corrections", error.ParamName);
        Assert.Contains("needs an unbounded said time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_projection_may_handle_corrections_itself()
    {
        var s = await StartAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        var projection = LedgerProjection.Create(() => 0, (count, entry) =>
        {
            seen.Add(EventTypeNames.Of(entry.Event));
            return count + 1;
        });

        var live = Task.Run(async () =>
        {
            await foreach (var count in s.Ledger.ProjectLiveAsync(projection, CorrectionHandling.Deliver, cancel.Token))
            {
                if (count == 9)
                {
                    return;
                }
            }
        });
        await WaitUntil(() => seen.Count == 7);
        await s.RecordAsync(Denies("d1", "alice", "2023-05-20"));
        await s.RecordAsync(new StatementStruck("strike", "d1", "never said"));
        await live.WaitAsync(cancel.Token);

        Assert.Equal(["statement-denied.v1", "statement-struck.v1"], seen[^2..]);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "timed out waiting");
    }
}
