namespace ClaimsLedger.Events;

/// <summary>An actor leaves an organisation it was affiliated with.</summary>
/// <param name="Actor">The actor.</param>
/// <param name="Organisation">The organisation it leaves.</param>
/// <param name="Until">When the affiliation ended (valid time, with precision).</param>
[LedgerEventType("actor-affiliation-ended.v1")]
public sealed record ActorAffiliationEnded(ActorId Actor, ActorId Organisation, SaidAt Until) : LedgerEvent;
