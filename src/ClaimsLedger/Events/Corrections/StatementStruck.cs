namespace ClaimsLedger.Events;

/// <summary>
/// The ledger's own erratum: a statement was recorded in error (it was never made). Views as recorded from this
/// correction on leave it out; views as recorded before it still show it.
/// </summary>
/// <param name="Id">The correction's id; recording the same correction twice changes nothing.</param>
/// <param name="Statement">The statement struck.</param>
/// <param name="Reason">Why, e.g. "duplicate of podolyak-denies-1".</param>
[LedgerEventType("statement-struck.v1")]
public sealed record StatementStruck(CorrectionId Id, StatementId Statement, string Reason) : LedgerEvent;
