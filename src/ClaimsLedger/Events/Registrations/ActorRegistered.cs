namespace ClaimsLedger.Events;

/// <summary>An actor enters the ledger: a person, organisation, group or anonymous collective.</summary>
/// <param name="Id">The actor's stable id.</param>
/// <param name="Name">Display name, e.g. "Mykhailo Podolyak" or "US officials".</param>
/// <param name="Kind">What kind of speaker this is.</param>
[LedgerEventType("actor-registered.v1")]
public sealed record ActorRegistered(ActorId Id, string Name, ActorKind Kind) : LedgerEvent
{
    /// <summary>True for speakers who are not named, such as "US officials" talking to a newspaper.</summary>
    public bool Anonymous { get; init; }
}
