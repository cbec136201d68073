using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>"Who says what" about one claim as of (T, R).</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Contested">True when one actor's position asserts it and another's denies it.</param>
/// <param name="Positions">Each actor's position, ordered by stance (asserts first), certainty, actor id.</param>
/// <param name="Investigations">Investigations in statement order.</param>
/// <param name="Reactions">Counted, unretracted reactions in statement order.</param>
/// <param name="Evidence">Counted, unretracted evidence in statement order.</param>
/// <param name="Retractions">Counted retractions that withdrew an earlier statement, in statement order.</param>
/// <param name="Links">Links to other claims recorded by R, ordered by kind and target.</param>
public sealed record ClaimStatus(
    ClaimSummary Claim,
    bool Contested,
    IReadOnlyList<PositionView> Positions,
    IReadOnlyList<InvestigationView> Investigations,
    IReadOnlyList<StatementView> Reactions,
    IReadOnlyList<StatementView> Evidence,
    IReadOnlyList<StatementView> Retractions,
    IReadOnlyList<ClaimLinkView> Links)
{
    /// <summary>Each actor's position, ordered by stance (asserts first), certainty, actor id.</summary>
    public IReadOnlyList<PositionView> Positions { get; } = ValueList<PositionView>.From(Positions);

    /// <summary>Investigations in statement order.</summary>
    public IReadOnlyList<InvestigationView> Investigations { get; } = ValueList<InvestigationView>.From(Investigations);

    /// <summary>Counted, unretracted reactions in statement order.</summary>
    public IReadOnlyList<StatementView> Reactions { get; } = ValueList<StatementView>.From(Reactions);

    /// <summary>Counted, unretracted evidence in statement order.</summary>
    public IReadOnlyList<StatementView> Evidence { get; } = ValueList<StatementView>.From(Evidence);

    /// <summary>Counted retractions that withdrew an earlier statement, in statement order.</summary>
    public IReadOnlyList<StatementView> Retractions { get; } = ValueList<StatementView>.From(Retractions);

    /// <summary>Links to other claims recorded by R, ordered by kind and target.</summary>
    public IReadOnlyList<ClaimLinkView> Links { get; } = ValueList<ClaimLinkView>.From(Links);

    /// <summary>The position of one actor, or null.</summary>
    public PositionView? PositionOf(ActorId actor) => Positions.FirstOrDefault(p => p.Actor.Id == actor);

    /// <summary>Indented JSON with a stable key order; the same view always gives the same bytes.</summary>
    public string ToJson() => ViewJson.Serialize(this);

    /// <summary>A readable text rendering, grouped by stance and certainty.</summary>
    public string ToText() => Text.BoardText.RenderClaim(this);
}

/// <summary>A link from a claim to another.</summary>
/// <param name="Link">How the claim relates to the target.</param>
/// <param name="Target">The other claim.</param>
public sealed record ClaimLinkView(ClaimLinkKind Link, ClaimId Target);
