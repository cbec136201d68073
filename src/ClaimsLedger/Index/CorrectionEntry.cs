using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Index;

/// <summary>A recorded correction (amendment or strike) and the statement it targets.</summary>
internal sealed record CorrectionEntry(
    LedgerEvent Event,
    StatementEntry Target,
    long Ordinal,
    GlobalPosition Position,
    DateTimeOffset RecordedAt)
{
    public CorrectionId Id => Event switch
    {
        StatementAmended amended => amended.Id,
        StatementStruck struck => struck.Id,
        _ => default,
    };
}
