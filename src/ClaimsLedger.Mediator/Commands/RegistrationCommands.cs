using ClaimsLedger.Events;

namespace ClaimsLedger.Mediator;

/// <summary>Registers a claim (<see cref="ClaimRegistered"/>).</summary>
/// <param name="Id">The claim's id.</param>
/// <param name="Text">The proposition.</param>
public sealed record RegisterClaim(ClaimId Id, string Text) : LedgerCommand
{
    /// <summary>Incident or topic tags. Default none.</summary>
    public IReadOnlyList<string> Incidents { get; init; } = [];

    /// <inheritdoc/>
    public override LedgerEvent ToEvent() => new ClaimRegistered(Id, Text) { Incidents = Incidents };
}

/// <summary>Registers an actor (<see cref="ActorRegistered"/>).</summary>
/// <param name="Id">The actor's id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">What kind of speaker.</param>
public sealed record RegisterActor(ActorId Id, string Name, ActorKind Kind) : LedgerCommand
{
    /// <summary>True for unnamed speakers such as "US officials". Default false.</summary>
    public bool Anonymous { get; init; }

    /// <inheritdoc/>
    public override LedgerEvent ToEvent() => new ActorRegistered(Id, Name, Kind) { Anonymous = Anonymous };
}

/// <summary>Registers a source document (<see cref="SourceRegistered"/>).</summary>
/// <param name="Id">The source's id.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Title">Its title.</param>
public sealed record RegisterSource(SourceId Id, string Publisher, string Title) : LedgerCommand
{
    /// <summary>Where it can be read, when known.</summary>
    public Uri? Url { get; init; }

    /// <summary>When it was published, when known.</summary>
    public SaidAt? Published { get; init; }

    /// <inheritdoc/>
    public override LedgerEvent ToEvent() =>
        new SourceRegistered(Id, Publisher, Title) { Url = Url, Published = Published };
}

/// <summary>Links one claim to another (<see cref="ClaimLinked"/>).</summary>
/// <param name="Claim">The claim the link starts from.</param>
/// <param name="Link">How it relates to <paramref name="Target"/>.</param>
/// <param name="Target">The other claim.</param>
public sealed record LinkClaims(ClaimId Claim, ClaimLinkKind Link, ClaimId Target) : LedgerCommand
{
    /// <inheritdoc/>
    public override LedgerEvent ToEvent() => new ClaimLinked(Claim, Link, Target);
}

/// <summary>Records that an actor joins an organisation (<see cref="ActorAffiliated"/>).</summary>
/// <param name="Actor">The actor.</param>
/// <param name="Organisation">The organisation.</param>
/// <param name="Since">When the affiliation began.</param>
public sealed record AffiliateActor(ActorId Actor, ActorId Organisation, SaidAt Since) : LedgerCommand
{
    /// <summary>Optional role, e.g. "spokesperson".</summary>
    public string? Role { get; init; }

    /// <inheritdoc/>
    public override LedgerEvent ToEvent() => new ActorAffiliated(Actor, Organisation, Since) { Role = Role };
}

/// <summary>Records that an actor leaves an organisation (<see cref="ActorAffiliationEnded"/>).</summary>
/// <param name="Actor">The actor.</param>
/// <param name="Organisation">The organisation.</param>
/// <param name="Until">When the affiliation ended.</param>
public sealed record EndAffiliation(ActorId Actor, ActorId Organisation, SaidAt Until) : LedgerCommand
{
    /// <inheritdoc/>
    public override LedgerEvent ToEvent() => new ActorAffiliationEnded(Actor, Organisation, Until);
}
