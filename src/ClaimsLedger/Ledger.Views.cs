using ClaimsLedger.Views;

namespace ClaimsLedger;

/// <summary>The views of the ledger as of (T, R).</summary>
public sealed partial class Ledger
{
    /// <summary>The claim board: every claim with a counted statement, who asserts and denies it, and how surely.</summary>
    public async Task<ClaimBoard> GetBoardAsync(AsOf asOf, CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        return Read(index => LedgerQueries.Board(index, asOf));
    }

    /// <summary>One claim's status; evaluates that claim only. Null when the claim was not registered by R.</summary>
    public async Task<ClaimStatus?> GetClaimAsync(ClaimId claim, AsOf asOf, CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        return Read(index => LedgerQueries.Claim(index, claim, asOf));
    }

    /// <summary>One actor's position on every claim. Null when the actor was not registered by R.</summary>
    public async Task<ActorPositions?> GetActorAsync(ActorId actor, AsOf asOf,
        CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        return Read(index => LedgerQueries.Actor(index, actor, asOf));
    }

    /// <summary>Every actor's position on every claim.</summary>
    public async Task<ActorsView> GetActorsAsync(AsOf asOf, CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        return Read(index => LedgerQueries.Actors(index, asOf));
    }

    /// <summary>Counted statements in the ledger's statement order, filtered by <paramref name="query"/>.</summary>
    public async Task<Timeline> GetTimelineAsync(TimelineQuery query, AsOf asOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        return Read(index => LedgerQueries.Timeline(index, query, asOf));
    }

    /// <summary>What changed from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<LedgerDiff> DiffAsync(AsOf from, AsOf to, CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        return Read(index => LedgerDiffer.Diff(index, from, to));
    }
}
