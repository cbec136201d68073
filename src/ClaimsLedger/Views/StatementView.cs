using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>A counted statement that is not a position: a reaction, evidence, retraction or investigation step.</summary>
/// <param name="Statement">The statement's id.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Actor">Who made it.</param>
/// <param name="SaidAt">When.</param>
/// <param name="Quote">The words, when quoted.</param>
/// <param name="Provenance">Source and intermediaries.</param>
/// <param name="RecordedAt">When the ledger recorded it.</param>
/// <param name="Corrected">True when a correction recorded by the view's R changed it.</param>
public sealed record StatementView(
    StatementId Statement,
    StatementKind Kind,
    ActorSummary Actor,
    SaidAt SaidAt,
    string? Quote,
    Provenance Provenance,
    DateTimeOffset RecordedAt,
    bool Corrected)
{
    /// <summary>For a reaction: which kind.</summary>
    public ReactionKind? Reaction { get; init; }

    /// <summary>For evidence: which kind.</summary>
    public EvidenceKind? Evidence { get; init; }

    /// <summary>For evidence: what it shows.</summary>
    public string? Description { get; init; }

    /// <summary>For evidence: where to see it.</summary>
    public Uri? Url { get; init; }

    /// <summary>For a retraction: the statement withdrawn.</summary>
    public StatementId? Target { get; init; }
}
