using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>The claim board: "who says what" about every claim with a counted statement, as of (T, R).</summary>
/// <param name="AsOf">The point the board was built for.</param>
/// <param name="Claims">One entry per claim with at least one counted statement, ordered by claim id.</param>
public sealed record ClaimBoard(AsOf AsOf, IReadOnlyList<ClaimStatus> Claims)
{
    /// <summary>One entry per claim with at least one counted statement, ordered by claim id.</summary>
    public IReadOnlyList<ClaimStatus> Claims { get; } = ValueList<ClaimStatus>.From(Claims);

    /// <summary>The entry for one claim, or null when nothing about it counts.</summary>
    public ClaimStatus? this[ClaimId claim] => Claims.FirstOrDefault(c => c.Claim.Id == claim);

    /// <summary>Indented JSON with a stable key order; the same board always gives the same bytes.</summary>
    public string ToJson() => ViewJson.Serialize(this);

    /// <summary>A readable text rendering for people: grouped by claim, stance and certainty.</summary>
    public string ToText() => Text.BoardText.Render(this);
}
