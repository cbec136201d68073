using ClaimsLedger.Events;
using Mediator;

namespace ClaimsLedger.Mediator;

/// <summary>
/// A command that records one event through <see cref="Ledger.RecordAsync(LedgerEvent, CancellationToken)"/>; sent
/// with <c>ISender.Send</c>, handled by <see cref="LedgerCommandHandler"/>.
/// </summary>
/// <remarks>
/// The ledger validates the event: bad input fails with the ledger's own <see cref="LedgerValidationException"/>
/// and records nothing; a command the ledger already holds identically records nothing and reports
/// <see cref="RecordResult.Unchanged"/>.
/// </remarks>
public abstract record LedgerCommand : ICommand<RecordResult>
{
    /// <summary>The event this command records.</summary>
    public abstract LedgerEvent ToEvent();
}

/// <summary>A command recording a statement: who said it, about which claim, when, and where it was reported.</summary>
/// <param name="Id">The statement's id; sending the same command twice records it once.</param>
/// <param name="Claim">The claim the statement is about.</param>
/// <param name="Actor">Who made it.</param>
/// <param name="SaidAt">When it was made, with precision.</param>
/// <param name="Source">Where the ledger learned of it.</param>
public abstract record StatementCommand(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : LedgerCommand
{
    /// <summary>The speaker's words verbatim, when reported.</summary>
    public string? Quote { get; init; }

    /// <summary>Intermediaries the statement came through, nearest to the speaker first.</summary>
    public IReadOnlyList<ActorId> Via { get; init; } = [];

    /// <summary>The statement with this command's <see cref="Quote"/> and <see cref="Via"/>.</summary>
    protected TStatement WithQuoteAndVia<TStatement>(TStatement statement)
        where TStatement : Statement =>
        (TStatement)(statement with { Quote = Quote, Via = Via });
}
