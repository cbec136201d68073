using ClaimsLedger.DependencyInjection;
using ClaimsLedger.Events;
using Mediator;

namespace ClaimsLedger.Mediator;

/// <summary>
/// Handles every ledger command by recording its event through the container's ledger
/// (<see cref="ILedgerProvider"/>). Public so that the Mediator source generator in your application project can
/// register it; you do not call it yourself.
/// </summary>
/// <remarks>Thread-safe; stateless apart from the provider, so any service lifetime suits it.</remarks>
/// <param name="ledgers">The container's ledger.</param>
public sealed class LedgerCommandHandler(ILedgerProvider ledgers) :
    ICommandHandler<RecordAssertion, RecordResult>,
    ICommandHandler<RecordDenial, RecordResult>,
    ICommandHandler<RecordRetraction, RecordResult>,
    ICommandHandler<OpenInvestigation, RecordResult>,
    ICommandHandler<ConcludeInvestigation, RecordResult>,
    ICommandHandler<RecordReaction, RecordResult>,
    ICommandHandler<PresentEvidence, RecordResult>,
    ICommandHandler<AmendStatement, RecordResult>,
    ICommandHandler<StrikeStatement, RecordResult>,
    ICommandHandler<RegisterClaim, RecordResult>,
    ICommandHandler<RegisterActor, RecordResult>,
    ICommandHandler<RegisterSource, RecordResult>,
    ICommandHandler<LinkClaims, RecordResult>,
    ICommandHandler<AffiliateActor, RecordResult>,
    ICommandHandler<EndAffiliation, RecordResult>,
    ICommandHandler<RecordEvents, RecordResult>
{
    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(RecordAssertion command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(RecordDenial command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(RecordRetraction command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(OpenInvestigation command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(ConcludeInvestigation command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(RecordReaction command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(PresentEvidence command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(AmendStatement command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(StrikeStatement command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(RegisterClaim command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(RegisterActor command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(RegisterSource command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(LinkClaims command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(AffiliateActor command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RecordResult> Handle(EndAffiliation command, CancellationToken cancellationToken) =>
        RecordAsync(command, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<RecordResult> Handle(RecordEvents command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var ledger = await ledgers.GetLedgerAsync(cancellationToken).ConfigureAwait(false);
        return await ledger.RecordAsync(command.Events, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<RecordResult> RecordAsync(LedgerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var ledger = await ledgers.GetLedgerAsync(cancellationToken).ConfigureAwait(false);
        return await ledger.RecordAsync(command.ToEvent(), cancellationToken).ConfigureAwait(false);
    }
}
