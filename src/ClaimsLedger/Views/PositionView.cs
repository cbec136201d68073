using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>An actor's current position on a claim: its latest counted assertion or denial not retracted or struck.</summary>
/// <param name="Actor">Who holds the position.</param>
/// <param name="Stance">Asserts or denies.</param>
/// <param name="Certainty">How sure the statement sounded.</param>
/// <param name="Statement">The statement the position comes from.</param>
/// <param name="SaidAt">When it was said.</param>
/// <param name="Quote">The words, when quoted.</param>
/// <param name="Provenance">Source and intermediaries.</param>
/// <param name="RecordedAt">When the ledger recorded the statement.</param>
/// <param name="Corrected">True when a correction recorded by the view's R changed the statement.</param>
public sealed record PositionView(
    ActorSummary Actor,
    Stance Stance,
    Certainty Certainty,
    StatementId Statement,
    SaidAt SaidAt,
    string? Quote,
    Provenance Provenance,
    DateTimeOffset RecordedAt,
    bool Corrected);
