
namespace ClaimsLedger.Events;

/// <summary>What a concluded investigation found.</summary>
/// <param name="Outcome">Supported, refuted, inconclusive, or other (described in <see cref="Summary"/>).</param>
public sealed record Finding(FindingOutcome Outcome)
{
    /// <summary>Free-text summary; required when <see cref="Outcome"/> is <see cref="FindingOutcome.Other"/>.</summary>
    public string? Summary { get; init; }
}
