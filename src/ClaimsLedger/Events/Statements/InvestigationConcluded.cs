
namespace ClaimsLedger.Events;

/// <summary>An investigation of the claim ends with a finding.</summary>
/// <param name="Id">This statement's id.</param>
/// <param name="Claim">The claim; must be the investigation's claim.</param>
/// <param name="Actor">Who announced the conclusion.</param>
/// <param name="SaidAt">When it was announced.</param>
/// <param name="Source">Where the ledger learned of it.</param>
/// <param name="Investigation">The id of the <see cref="InvestigationOpened"/> statement it concludes.</param>
/// <param name="Finding">What was found.</param>
[LedgerEventType("investigation-concluded.v1")]
public sealed record InvestigationConcluded(
    StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source,
    StatementId Investigation, Finding Finding)
    : Statement(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.InvestigationConcluded;
}
