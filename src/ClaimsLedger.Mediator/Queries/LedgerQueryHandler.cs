using System.Runtime.CompilerServices;
using ClaimsLedger.DependencyInjection;
using ClaimsLedger.Views;
using Mediator;

namespace ClaimsLedger.Mediator;

/// <summary>
/// Answers every view query from the container's ledger (<see cref="ILedgerProvider"/>), exactly as the ledger's
/// own methods do. Public so that the Mediator source generator in your application project can register it.
/// </summary>
/// <remarks>Thread-safe; any service lifetime suits it.</remarks>
/// <param name="ledgers">The container's ledger.</param>
public sealed class LedgerQueryHandler(ILedgerProvider ledgers) :
    IQueryHandler<GetBoard, ClaimBoard>,
    IStreamQueryHandler<ReadBoard, ClaimStatus>,
    IQueryHandler<GetClaim, ClaimStatus?>,
    IQueryHandler<GetActor, ActorPositions?>,
    IQueryHandler<GetActors, ActorsView>,
    IQueryHandler<GetTimeline, Timeline>,
    IQueryHandler<GetDiff, LedgerDiff>,
    IQueryHandler<GetProjection, ProjectedState>,
    IStreamQueryHandler<WatchProjection, ProjectedState>
{
    /// <inheritdoc/>
    public ValueTask<ClaimBoard> Handle(GetBoard query, CancellationToken cancellationToken) =>
        AskAsync(query, (ledger, q, ct) => ledger.GetBoardAsync(q.AsOf, ct), cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<ClaimStatus> Handle(ReadBoard query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ledger = await ledgers.GetLedgerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var status in ledger.ReadBoardAsync(query.AsOf, cancellationToken).ConfigureAwait(false))
        {
            yield return status;
        }
    }

    /// <inheritdoc/>
    public ValueTask<ClaimStatus?> Handle(GetClaim query, CancellationToken cancellationToken) =>
        AskAsync(query, (ledger, q, ct) => ledger.GetClaimAsync(q.Claim, q.AsOf, ct), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ActorPositions?> Handle(GetActor query, CancellationToken cancellationToken) =>
        AskAsync(query, (ledger, q, ct) => ledger.GetActorAsync(q.Actor, q.AsOf, ct), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ActorsView> Handle(GetActors query, CancellationToken cancellationToken) =>
        AskAsync(query, (ledger, q, ct) => ledger.GetActorsAsync(q.AsOf, ct), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<Timeline> Handle(GetTimeline query, CancellationToken cancellationToken) =>
        AskAsync(query, (ledger, q, ct) => ledger.GetTimelineAsync(q.Query, q.AsOf, ct), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<LedgerDiff> Handle(GetDiff query, CancellationToken cancellationToken) =>
        AskAsync(query, (ledger, q, ct) => ledger.DiffAsync(q.From, q.To, ct), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ProjectedState> Handle(GetProjection query, CancellationToken cancellationToken) =>
        AskAsync(query, (ledger, q, ct) => q.RunAsync(ledger, ct), cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<ProjectedState> Handle(WatchProjection query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ledger = await ledgers.GetLedgerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var state in query.Run(ledger, cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }

    private async ValueTask<TView> AskAsync<TQuery, TView>(TQuery query,
        Func<Ledger, TQuery, CancellationToken, Task<TView>> ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ledger = await ledgers.GetLedgerAsync(cancellationToken).ConfigureAwait(false);
        return await ask(ledger, query, cancellationToken).ConfigureAwait(false);
    }
}
