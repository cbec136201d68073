using ClaimsLedger.Events;

namespace ClaimsLedger.Mediator;

/// <summary>The ledger's own erratum: fields of a recorded statement were recorded wrongly
/// (<see cref="StatementAmended"/>).</summary>
/// <param name="Id">The correction's id.</param>
/// <param name="Statement">The statement corrected.</param>
/// <param name="Changes">The fields replaced.</param>
/// <param name="Reason">Why.</param>
public sealed record AmendStatement(CorrectionId Id, StatementId Statement, StatementChanges Changes, string Reason)
    : LedgerCommand
{
    /// <inheritdoc/>
    public override LedgerEvent ToEvent() => new StatementAmended(Id, Statement, Changes, Reason);
}

/// <summary>The ledger's own erratum: a statement was recorded in error (<see cref="StatementStruck"/>).</summary>
/// <param name="Id">The correction's id.</param>
/// <param name="Statement">The statement struck.</param>
/// <param name="Reason">Why.</param>
public sealed record StrikeStatement(CorrectionId Id, StatementId Statement, string Reason) : LedgerCommand
{
    /// <inheritdoc/>
    public override LedgerEvent ToEvent() => new StatementStruck(Id, Statement, Reason);
}
