using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>One actor's current stance on every claim it has a position on, as of (T, R).</summary>
/// <param name="AsOf">The point the view was built for.</param>
/// <param name="Actor">The actor.</param>
/// <param name="Affiliations">Its affiliations that count as of the view.</param>
/// <param name="Positions">Its positions, ordered by claim id.</param>
public sealed record ActorPositions(
    AsOf AsOf, ActorSummary Actor, IReadOnlyList<AffiliationView> Affiliations, IReadOnlyList<ActorPosition> Positions)
{
    /// <summary>Its affiliations that count as of the view.</summary>
    public IReadOnlyList<AffiliationView> Affiliations { get; } = ValueList<AffiliationView>.From(Affiliations);

    /// <summary>Its positions, ordered by claim id.</summary>
    public IReadOnlyList<ActorPosition> Positions { get; } = ValueList<ActorPosition>.From(Positions);

    /// <summary>Indented JSON with a stable key order.</summary>
    public string ToJson() => ViewJson.Serialize(this);

    /// <summary>A readable text rendering.</summary>
    public string ToText() => Text.ActorText.Render(this);
}

/// <summary>An actor's position on one claim.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Contested">Whether the claim is contested as of the view.</param>
/// <param name="Position">The actor's position.</param>
public sealed record ActorPosition(ClaimSummary Claim, bool Contested, PositionView Position);

/// <summary>A period of membership of an organisation.</summary>
/// <param name="Organisation">The organisation.</param>
/// <param name="Role">The role, when known.</param>
/// <param name="Since">When it began.</param>
public sealed record AffiliationView(ActorSummary Organisation, string? Role, SaidAt Since);

/// <summary>Every actor with at least one position, as of (T, R).</summary>
/// <param name="AsOf">The point the view was built for.</param>
/// <param name="Actors">One entry per actor with a position, ordered by actor id.</param>
public sealed record ActorsView(AsOf AsOf, IReadOnlyList<ActorPositions> Actors)
{
    /// <summary>One entry per actor with a position, ordered by actor id.</summary>
    public IReadOnlyList<ActorPositions> Actors { get; } = ValueList<ActorPositions>.From(Actors);

    /// <summary>Indented JSON with a stable key order.</summary>
    public string ToJson() => ViewJson.Serialize(this);

    /// <summary>A readable text rendering.</summary>
    public string ToText() => string.Join("\n", Actors.Select(Text.ActorText.Render));
}
