namespace ClaimsLedger.Events;

/// <summary>An actor joins an organisation (affiliations change over time).</summary>
/// <param name="Actor">The affiliated actor.</param>
/// <param name="Organisation">The actor it belongs to from <paramref name="Since"/>.</param>
/// <param name="Since">When the affiliation began (valid time, with precision).</param>
[LedgerEventType("actor-affiliated.v1")]
public sealed record ActorAffiliated(ActorId Actor, ActorId Organisation, SaidAt Since) : LedgerEvent
{
    /// <summary>Optional role, e.g. "spokesperson".</summary>
    public string? Role { get; init; }
}
