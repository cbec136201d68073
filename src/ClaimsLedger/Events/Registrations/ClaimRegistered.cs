namespace ClaimsLedger.Events;

/// <summary>A claim enters the ledger: a proposition that may or may not be true.</summary>
/// <param name="Id">The claim's stable id.</param>
/// <param name="Text">The proposition, e.g. "Ukraine was involved in the Belgorod raid".</param>
[LedgerEventType("claim-registered.v1")]
public sealed record ClaimRegistered(ClaimId Id, string Text) : LedgerEvent
{
    /// <summary>Incident or topic tags (slugs), used to filter timelines, e.g. <c>belgorod-raid</c>.</summary>
    public IReadOnlyList<string> Incidents { get; init => field = ValueList<string>.From(value); } =
        ValueList<string>.Empty;
}
