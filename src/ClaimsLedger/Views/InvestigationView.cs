using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>An investigation of a claim: open, or concluded with a finding (rule 5).</summary>
/// <param name="Opening">The statement that opened it (its id is the investigation's id).</param>
/// <param name="Status">Open or concluded, as of the view.</param>
/// <param name="Conclusion">The counted conclusion, when concluded.</param>
/// <param name="Finding">What it found, when concluded.</param>
public sealed record InvestigationView(
    StatementView Opening,
    InvestigationStatus Status,
    StatementView? Conclusion,
    Finding? Finding);

/// <summary>Whether an investigation has a counted conclusion.</summary>
public enum InvestigationStatus
{
    /// <summary>Opened, no conclusion counts yet.</summary>
    Open = 1,

    /// <summary>A conclusion counts.</summary>
    Concluded,
}
