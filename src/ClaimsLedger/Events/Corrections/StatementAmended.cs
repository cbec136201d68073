namespace ClaimsLedger.Events;

/// <summary>
/// The ledger's own erratum: some fields of a recorded statement were recorded wrongly. Nothing is deleted; views
/// as recorded before this correction still show the original.
/// </summary>
/// <param name="Id">The correction's id; recording the same correction twice changes nothing.</param>
/// <param name="Statement">The statement being corrected.</param>
/// <param name="Changes">The fields replaced.</param>
/// <param name="Reason">Why, e.g. "misattributed: the quote is Miller's, not Kirby's".</param>
[LedgerEventType("statement-amended.v1")]
public sealed record StatementAmended(CorrectionId Id, StatementId Statement, StatementChanges Changes, string Reason)
    : LedgerEvent;
