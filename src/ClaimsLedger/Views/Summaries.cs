using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>A claim as views show it.</summary>
/// <param name="Id">The claim's id.</param>
/// <param name="Text">The proposition.</param>
/// <param name="Incidents">Its incident or topic tags.</param>
public sealed record ClaimSummary(ClaimId Id, string Text, IReadOnlyList<string> Incidents)
{
    /// <summary>Its incident or topic tags.</summary>
    public IReadOnlyList<string> Incidents { get; } = ValueList<string>.From(Incidents);
}

/// <summary>An actor as views show it.</summary>
/// <param name="Id">The actor's id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">What kind of speaker it is.</param>
/// <param name="Anonymous">True for unnamed collectives such as "US officials".</param>
/// <param name="Affiliations">Names of the organisations it belonged to as of the view's said time.</param>
public sealed record ActorSummary(
    ActorId Id, string Name, ActorKind Kind, bool Anonymous, IReadOnlyList<string> Affiliations)
{
    /// <summary>Names of the organisations it belonged to as of the view's said time.</summary>
    public IReadOnlyList<string> Affiliations { get; } = ValueList<string>.From(Affiliations);
}

/// <summary>A source document as views show it.</summary>
/// <param name="Id">The source's id.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Title">Its title.</param>
/// <param name="Url">Where to read it, when known.</param>
/// <param name="Published">When it was published, when known.</param>
public sealed record SourceSummary(SourceId Id, string Publisher, string Title, Uri? Url, SaidAt? Published);

/// <summary>Where a statement was learned from: the source, and the chain of intermediaries before it.</summary>
/// <param name="Source">The document the ledger learned it from.</param>
/// <param name="Via">Intermediaries, nearest to the speaker first (e.g. NBC News).</param>
public sealed record Provenance(SourceSummary Source, IReadOnlyList<ActorSummary> Via)
{
    /// <summary>Intermediaries, nearest to the speaker first.</summary>
    public IReadOnlyList<ActorSummary> Via { get; } = ValueList<ActorSummary>.From(Via);
}
