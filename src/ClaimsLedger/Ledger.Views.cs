using ClaimsLedger.Index;
using ClaimsLedger.Telemetry;
using ClaimsLedger.Views;

namespace ClaimsLedger;

/// <summary>The views of the ledger as of (T, R).</summary>
public sealed partial class Ledger
{
    /// <summary>The claim board: every claim with a counted statement, who asserts and denies it, and how surely.</summary>
    public Task<ClaimBoard> GetBoardAsync(AsOf asOf, CancellationToken cancellationToken = default) =>
        BuildViewAsync("board", index => LedgerQueries.Board(index, asOf), cancellationToken);

    /// <summary>
    /// One claim's status; evaluates that claim only. Null when the claim was not registered by R. While the index is
    /// still loading (<see cref="LedgerOptions.LoadInBackground"/>), answered from the claim's own streams instead.
    /// </summary>
    public Task<ClaimStatus?> GetClaimAsync(ClaimId claim, AsOf asOf, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _complete)
            ? BuildViewAsync("claim", index => LedgerQueries.Claim(index, claim, asOf), cancellationToken)
            : ClaimFromStreamsAsync(claim, asOf, cancellationToken);

    private async Task<ClaimStatus?> ClaimFromStreamsAsync(ClaimId claim, AsOf asOf, CancellationToken cancellationToken)
    {
        using var activity = LedgerDiagnostics.StartView("claim");
        var started = _diagnostics.Timestamp();
        try
        {
            var scope = await ClaimScope.LoadAsync(_store, claim, cancellationToken).ConfigureAwait(false);
            var result = scope is null ? null : LedgerQueries.Claim(scope, claim, asOf);
            _diagnostics.ViewBuilt("claim", started);
            return result;
        }
        catch (Exception e)
        {
            LedgerDiagnostics.Failed(activity, e);
            throw;
        }
    }

    /// <summary>One actor's position on every claim. Null when the actor was not registered by R.</summary>
    public Task<ActorPositions?> GetActorAsync(ActorId actor, AsOf asOf,
        CancellationToken cancellationToken = default) =>
        BuildViewAsync("actor", index => LedgerQueries.Actor(index, actor, asOf), cancellationToken);

    /// <summary>Every actor's position on every claim.</summary>
    public Task<ActorsView> GetActorsAsync(AsOf asOf, CancellationToken cancellationToken = default) =>
        BuildViewAsync("actors", index => LedgerQueries.Actors(index, asOf), cancellationToken);

    /// <summary>Counted statements in the ledger's statement order, filtered by <paramref name="query"/>.</summary>
    public Task<Timeline> GetTimelineAsync(TimelineQuery query, AsOf asOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return BuildViewAsync("timeline", index => LedgerQueries.Timeline(index, query, asOf), cancellationToken);
    }

    /// <summary>What changed from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Task<LedgerDiff> DiffAsync(AsOf from, AsOf to, CancellationToken cancellationToken = default) =>
        BuildViewAsync("diff", index => LedgerDiffer.Diff(index, from, to), cancellationToken);

    /// <summary>Catches up, then builds a view from the index, traced and counted under <paramref name="view"/>.</summary>
    private async Task<T> BuildViewAsync<T>(string view, Func<LedgerIndex, T> build,
        CancellationToken cancellationToken)
    {
        using var activity = LedgerDiagnostics.StartView(view);
        var started = _diagnostics.Timestamp();
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var result = Read(build);
            _diagnostics.ViewBuilt(view, started);
            return result;
        }
        catch (Exception e)
        {
            LedgerDiagnostics.Failed(activity, e);
            throw;
        }
    }
}
