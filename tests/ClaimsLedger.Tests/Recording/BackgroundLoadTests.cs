using Belgorod;
using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Tests.Storage;
using ClaimsLedger.Views;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Recording;

/// <summary>
/// LedgerOptions.LoadInBackground: open returns before the index is loaded; a claim asked for meanwhile is answered
/// from its own streams, exactly as the full index would answer it.
/// </summary>
public sealed class BackgroundLoadTests
{
    private readonly FakeTimeProvider _clock = new(BelgorodHistory.RecordedAt);

    public static TheoryData<string> Claims { get; } = [.. ClaimIds];

    private static IEnumerable<string> ClaimIds =>
        BelgorodHistory.Registrations.OfType<ClaimRegistered>().Select(c => c.Id.Value);

    [Theory]
    [MemberData(nameof(Claims))]
    public async Task A_claim_read_from_its_streams_is_the_claim_of_the_full_index_at_every_as_of_point(string id)
    {
        var (store, full, points) = await RecordBelgorodAsync();

        var scope = await ClaimScope.LoadAsync(store, new ClaimId(id), CancellationToken.None);

        Assert.NotNull(scope);
        foreach (var asOf in points)
        {
            var expected = await full.GetClaimAsync(id, asOf);
            var actual = LedgerQueries.Claim(scope, id, asOf);
            Assert.Equal(expected?.ToJson(), actual?.ToJson());
        }
    }

    [Fact]
    public async Task A_claim_the_store_does_not_hold_reads_as_null_from_its_streams()
    {
        var (store, _, _) = await RecordBelgorodAsync();

        Assert.Null(await ClaimScope.LoadAsync(store, new ClaimId("no-such-claim"), CancellationToken.None));
        Assert.Null(await ClaimScope.LoadAsync(new InMemoryEventStore(_clock), new ClaimId("no-such-claim"), CancellationToken.None));
    }

    [Fact]
    public async Task A_ledger_loading_in_the_background_answers_a_claim_before_its_index_is_loaded()
    {
        var (inner, full, points) = await RecordBelgorodAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new HookedStore(inner) { BeforeReadAll = () => release.Task };

        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock, LoadInBackground = true });
        var claim = await ledger.GetClaimAsync(ClaimIds.First(), points[^1]);
        var board = ledger.GetBoardAsync(points[^1]);

        Assert.False(ledger.Loaded.IsCompleted);
        Assert.Equal((await full.GetClaimAsync(ClaimIds.First(), points[^1]))!.ToJson(), claim!.ToJson());
        Assert.False(board.IsCompleted);
        release.SetResult();
        await ledger.Loaded;
        Assert.Equal((await full.GetBoardAsync(points[^1])).ToJson(), (await board).ToJson());
        Assert.Equal(full.EventCount, ledger.EventCount);
    }

    [Fact]
    public async Task A_failed_background_load_faults_Loaded_and_the_next_operation_loads_again()
    {
        var (inner, full, points) = await RecordBelgorodAsync();
        var failures = 1;
        var store = new HookedStore(inner)
        {
            BeforeReadAll = () => failures-- > 0 ? throw new StoreUnavailableException("the test store is down") : Task.CompletedTask,
        };

        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock, LoadInBackground = true });

        await Assert.ThrowsAsync<StoreUnavailableException>(() => ledger.Loaded);
        Assert.Equal((await full.GetBoardAsync(points[^1])).ToJson(), (await ledger.GetBoardAsync(points[^1])).ToJson());
    }

    private async Task<(InMemoryEventStore Store, Ledger Full, AsOf[] Points)> RecordBelgorodAsync()
    {
        var store = new InMemoryEventStore(_clock);
        var full = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await full.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
        var beforeCorrection = full.Now();
        _clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await full.RecordAsync(BelgorodHistory.Correction);
        var afterCorrection = full.Now();
        AsOf[] points =
        [
            .. BelgorodHistory.BoardDates.Select(d => beforeCorrection.WithSaid(AsOf.EndOfDay(d))),
            .. BelgorodHistory.BoardDates.Select(d => afterCorrection.WithSaid(AsOf.EndOfDay(d)).WithPossiblySaid()),
            beforeCorrection.WithRecorded(BelgorodHistory.RecordedAt.AddTicks(-1)),
            beforeCorrection,
            afterCorrection,
        ];
        return (store, full, points);
    }
}
